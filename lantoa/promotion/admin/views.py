"""Custom admin views where no Wagtail component fits: the calendar grid, the translation
status table, the CSV import of reach figures, the editorial calendar's iCal export."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantoa.core.roles import requires_perm

from ..constants import TranslationStatus
from ..ical import plan_calendar
from ..selectors import month_grid, plan_items_between, translation_overview
from ..services import channel_posts_import_csv
from .forms import ReachImportForm


def _period(request) -> tuple[str, date, date, date]:
    """(mode, start, end, anchor) from ?view=month|week&date=YYYY-MM-DD."""
    mode = "week" if request.GET.get("view") == "week" else "month"
    try:
        anchor = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        anchor = timezone.localdate()
    if mode == "week":
        start = anchor - timedelta(days=anchor.weekday())
        return mode, start, start + timedelta(days=7), anchor
    start = anchor.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1)
    return mode, start, end, anchor


@requires_perm("promotion.view_contentplanitem")
def calendar_view(request):
    """Month or week grid of plan items, server-rendered."""
    mode, start, end, anchor = _period(request)
    mine = request.GET.get("mine") == "1"
    items = list(plan_items_between(start=start, end=end, user=request.user if mine else None))
    by_day: dict[date, list] = {}
    for item in items:
        by_day.setdefault(timezone.localtime(item.planned_at).date(), []).append(item)
    if mode == "week":
        weeks = [[start + timedelta(days=offset) for offset in range(7)]]
        previous, following = start - timedelta(days=7), start + timedelta(days=7)
    else:
        weeks = month_grid(start.year, start.month)
        previous = (start - timedelta(days=1)).replace(day=1)
        following = end
    return TemplateResponse(
        request,
        "promotion/admin/calendar.html",
        {
            "page_title": _("Lịch biên tập"),
            "header_icon": "date",
            "mode": mode,
            "start": start,
            "end": end - timedelta(days=1),
            "anchor": anchor,
            "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
            "previous": previous,
            "following": following,
            "today": timezone.localdate(),
            "mine": mine,
            "count": len(items),
            "ical_url": reverse("promotion_admin:calendar_ical"),
        },
    )


@requires_perm("promotion.view_contentplanitem")
def calendar_ical(request):
    """The editorial calendar as iCalendar, from 30 days back to a year ahead."""
    today = timezone.localdate()
    items = plan_items_between(start=today - timedelta(days=30), end=today + timedelta(days=366))
    response = HttpResponse(
        plan_calendar(items, name="Lịch biên tập Lantoa"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="lich-bien-tap.ics"'
    return response


def translations_view(request):
    """Which pages need translation work in each language."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    language = request.GET.get("language") or None
    if language not in dict(settings.LANGUAGES):
        language = None
    only_work = request.GET.get("work") == "1"
    rows = translation_overview(language=language)
    if only_work:
        rows = [row for row in rows if any(cell.needs_work for cell in row.cells)]
    languages = [cell.language for cell in rows[0].cells] if rows else []
    totals = {
        code: sum(
            1 for row in rows for cell in row.cells if cell.language == code and cell.needs_work
        )
        for code in languages
    }
    return TemplateResponse(
        request,
        "promotion/admin/translations.html",
        {
            "page_title": _("Tình trạng bản dịch"),
            "header_icon": "globe",
            "rows": rows,
            "languages": languages,
            "language_names": dict(settings.LANGUAGES),
            "totals": totals,
            "selected": language,
            "only_work": only_work,
            "all_languages": [code for code, _n in settings.LANGUAGES if code != "vi"],
            "statuses": TranslationStatus,
        },
    )


@requires_perm("promotion.add_channelpost")
def reach_import_view(request):
    """Upload a platform's CSV export of posts and reach."""
    form = ReachImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = channel_posts_import_csv(
            data=form.cleaned_data["file"].read(),
            channel=form.cleaned_data["channel"],
            language=form.cleaned_data["language"],
        )
        if result.errors:
            for error in result.errors[:20]:
                messages.error(request, error)
            messages.error(request, _("Không dòng nào được lưu. Sửa tệp rồi nhập lại."))
        else:
            messages.success(
                request,
                _("Đã nhập %(c)d bài mới, cập nhật %(u)d bài.")
                % {"c": result.created, "u": result.updated},
            )
            return redirect("wagtailsnippets_promotion_channelpost:list")
    return TemplateResponse(
        request,
        "promotion/admin/reach_import.html",
        {"page_title": _("Nhập số liệu tiếp cận từ CSV"), "header_icon": "upload", "form": form},
    )
