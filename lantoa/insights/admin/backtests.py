"""Admin views of backtests ("Thử trên 90 ngày"): run from the watchlist or alert-rule form on the
values being edited (saved or not), show the daily curve and the samples to mark, and a watchlist's
or rule's history of precision by query version."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantoa.core.roles import require_perm, requires_perm
from lantoa.monitoring.search.selectors import highlight

from ..constants import BACKTEST_DAYS, BacktestVariant
from ..models import AlertRule, Backtest, Topic, Watchlist
from ..selectors.backtests import (
    BacktestError,
    backtest_history,
    backtest_precision,
    rule_backtest_queries,
    watchlist_backtest_queries,
)
from ..services.backtests import backtest_mark, backtest_run

MARKS = {"yes": True, "no": False, "": None}


def _page(request, template, title, context):
    return TemplateResponse(
        request,
        template,
        {"page_title": title, "header_title": title, "header_icon": "time", **context},
    )


def _subject_perm(backtest: Backtest, action: str) -> str:
    return f"insights.{action}_{'alertrule' if backtest.rule_id else 'watchlist'}"


def _refused(request, error: BacktestError):
    messages.error(request, str(error))
    return _page(request, "insights/backtest_refused.html", _("Không thử được"), {})


def _object_or_none(model, value):
    return get_object_or_404(model, pk=value) if str(value or "").isdigit() else None


@require_POST
@requires_perm("insights.change_watchlist")
def watchlist_backtest_view(request):
    """The watchlist form posts here its query and aliases as typed (saved or not)."""
    watchlist = _object_or_none(Watchlist, request.GET.get("watchlist"))
    try:
        queries = watchlist_backtest_queries(
            query=request.POST.get("query", ""), aliases=request.POST.get("aliases", "")
        )
    except BacktestError as error:
        return _refused(request, error)
    backtest = backtest_run(queries=queries, user=request.user, watchlist=watchlist)
    return redirect("insights_backtest", backtest_id=backtest.pk)


@require_POST
@requires_perm("insights.change_alertrule")
def rule_backtest_view(request):
    """The alert-rule form posts here its watchlist and topic as chosen (saved or not)."""
    rule = _object_or_none(AlertRule, request.GET.get("rule"))
    try:
        queries = rule_backtest_queries(
            watchlist=_object_or_none(Watchlist, request.POST.get("watchlist")),
            topic=_object_or_none(Topic, request.POST.get("topic")),
        )
    except BacktestError as error:
        return _refused(request, error)
    backtest = backtest_run(queries=queries, user=request.user, rule=rule)
    return redirect("insights_backtest", backtest_id=backtest.pk)


def _samples(backtest: Backtest, variant: str) -> list[dict]:
    samples = list(backtest.samples.filter(variant=variant).select_related("item__source"))
    query = backtest.query
    return [
        {
            "sample": sample,
            "item": sample.item,
            "passage": highlight(f"{sample.item.title}. {sample.item.summary}", query, snippet=240),
        }
        for sample in samples
    ]


@requires_perm("insights.view_watchlist")
def backtest_view(request, backtest_id):
    """The result: daily curve, samples to mark, precision with its Wilson interval."""
    backtest = get_object_or_404(
        Backtest.objects.select_related("watchlist", "rule"), pk=backtest_id
    )
    require_perm(request, _subject_perm(backtest, "view"))
    if request.method == "POST":
        require_perm(request, _subject_perm(backtest, "change"))
        marks = {}
        for key, value in request.POST.items():
            if key.startswith("sample-") and key[7:].isdigit() and value in MARKS:
                marks[int(key[7:])] = MARKS[value]
        changed = backtest_mark(backtest=backtest, marks=marks, user=request.user)
        messages.success(request, _("Đã lưu %(n)d đánh dấu.") % {"n": changed})
        return redirect("insights_backtest", backtest_id=backtest.pk)
    return _page(
        request,
        "insights/backtest.html",
        _("Thử trên %(days)d ngày: %(subject)s")
        % {"days": BACKTEST_DAYS, "subject": backtest.watchlist or backtest.rule or _("bản nháp")},
        {
            "backtest": backtest,
            "days": BACKTEST_DAYS,
            "strict_samples": _samples(backtest, BacktestVariant.STRICT),
            "relaxed_samples": _samples(backtest, BacktestVariant.RELAXED),
            "precision": backtest_precision(backtest, BacktestVariant.STRICT),
            "relaxed_precision": backtest_precision(backtest, BacktestVariant.RELAXED),
            "may_mark": request.user.has_perm(_subject_perm(backtest, "change")),
            "chart": {
                "labels": [day for day, _n in backtest.daily],
                "counts": [n for _day, n in backtest.daily],
            },
        },
    )


def _history(request, *, watchlist=None, rule=None):
    rows = backtest_history(watchlist=watchlist, rule=rule)
    return _page(
        request,
        "insights/backtest_history.html",
        _("Lịch sử thử truy vấn: %(subject)s") % {"subject": watchlist or rule},
        {
            "rows": rows,
            "chart": {
                "labels": [f"v{row['backtest'].version}" for row in reversed(rows)],
                **{
                    name: [getattr(row["precision"], name) for row in reversed(rows)]
                    for name in ("percent", "low_percent", "high_percent")
                },
            },
        },
    )


@requires_perm("insights.view_watchlist")
def watchlist_history_view(request, watchlist_id):
    return _history(request, watchlist=get_object_or_404(Watchlist, pk=watchlist_id))


@requires_perm("insights.view_alertrule")
def rule_history_view(request, rule_id):
    return _history(request, rule=get_object_or_404(AlertRule, pk=rule_id))


class BacktestFormMixin:
    """Add and edit views of watchlists and alert rules: the form carries a "Thử trên 90 ngày"
    button posting the values being edited to the backtest view (in a new tab, so the edit is
    kept), and on a saved record a link to its history."""

    backtest_url_name = ""
    history_url_name = ""
    subject_param = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subject = getattr(self, "object", None)
        url = reverse(self.backtest_url_name)
        context["backtest_history_url"] = ""
        if subject is not None and subject.pk:
            url = f"{url}?{self.subject_param}={subject.pk}"
            context["backtest_history_url"] = reverse(self.history_url_name, args=[subject.pk])
        context["backtest_url"] = url
        return context


class WatchlistBacktestMixin(BacktestFormMixin):
    backtest_url_name = "insights_backtest_watchlist"
    history_url_name = "insights_backtest_watchlist_history"
    subject_param = "watchlist"


class RuleBacktestMixin(BacktestFormMixin):
    backtest_url_name = "insights_backtest_rule"
    history_url_name = "insights_backtest_rule_history"
    subject_param = "rule"
