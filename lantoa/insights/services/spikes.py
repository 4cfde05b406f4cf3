"""Spike alerts: detection (`spikes_detect`) and the explanation each alert carries.

A spike alert says why: the terms, sources, languages and stories over-represented in the spike
window against the trailing windows it was measured on (`selectors.spikes.spike_explain`), in
plain Vietnamese in its body, with a drill-down link per entry in its payload, its e-mail and its
chat message. The rule's k can learn from the monitors' marks: `feedback.py`.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.monitoring.models import Item, Story

from ..constants import NEWS_WINDOW_DAYS, SOCIAL_WINDOW_HOURS, AlertKind
from ..models import Alert, AlertRule
from ..selectors import SOCIAL_OUTLET_TYPES, spike_check
from ..selectors.spikes import (
    absolute,
    item_list_path,
    spike_explain,
    spike_explanation_lines,
)
from .feedback import k_text
from .raising import active_rules, is_throttled, raise_alert

EXPLAINED_FIELDS = ("title", "summary", "language", "story_id", "source__name", "published_at")


def _scope_items(rule: AlertRule):
    if rule.watchlist_id:
        return Item.objects.filter(watchlist_matches__watchlist_id=rule.watchlist_id)
    if rule.topic_id:
        return Item.objects.filter(analysis__topic_id=rule.topic_id)
    return Item.objects.all()


def _scope_filter(rule: AlertRule) -> dict:
    """The item-list filter that selects the rule's scope (the drill-down links start here)."""
    if rule.watchlist_id:
        return {"watchlist": rule.watchlist_id}
    if rule.topic_id:
        return {"analysis__topic": rule.topic_id}
    return {}


@transaction.atomic
def spikes_detect(*, now: datetime | None = None) -> list[Alert]:
    """Check every spike rule for news (day) and social posts (hour); raise at most one alert
    per rule and window (dedup key) and none while the rule is throttled.

    A rule scoped to a watchlist or topic watches that scope; an unscoped rule watches the whole
    stream and, after it, every story seen in the last day (a story spreading fast)."""
    now = now or timezone.now()
    raised = []
    for rule in active_rules(AlertKind.SPIKE):
        if is_throttled(rule, now):
            continue
        scopes = [
            (
                str(rule.watchlist or rule.topic or "tất cả"),
                "",
                _scope_items(rule),
                _scope_filter(rule),
            )
        ]
        if not (rule.watchlist_id or rule.topic_id):
            scopes += [
                (
                    f"chuỗi tin: {story.title}",
                    f"story{story.pk}:",
                    Item.objects.filter(story=story),
                    {"story": story.pk},
                )
                for story in Story.objects.filter(last_seen_at__gte=now - timedelta(days=1))
            ]
        for scope_name, key_scope, items, drill in scopes:
            alert = _spike_alert(rule, scope_name, key_scope, items.distinct(), drill, now)
            if alert:
                raised.append(alert)
                break
    return raised


def _spike_alert(rule, scope_name: str, key_scope: str, scope, drill: dict, now) -> Alert | None:
    for social in (False, True):
        stream = scope.filter(
            Q(source__outlet_type__in=SOCIAL_OUTLET_TYPES)
            if social
            else ~Q(source__outlet_type__in=SOCIAL_OUTLET_TYPES)
        )
        check = spike_check(stream, now=now, social=social, sensitivity=rule.sensitivity)
        if not check["spike"]:
            continue
        width = timedelta(hours=1) if social else timedelta(days=1)
        windows = SOCIAL_WINDOW_HOURS if social else NEWS_WINDOW_DAYS
        window = list(
            stream.filter(published_at__gte=now - width, published_at__lt=now).select_related(
                "source"
            )
        )
        # Only what the explanation reads: a busy baseline is tens of thousands of rows.
        baseline = list(
            stream.filter(
                published_at__gte=now - width * (windows + 1), published_at__lt=now - width
            )
            .select_related("source")
            .only(*EXPLAINED_FIELDS)
            .order_by("published_at", "id")
        )
        window_filter = {
            **drill,
            "social": "true" if social else "false",
            "published_after": (now - width).isoformat(),
            "published_before": now.isoformat(),
        }
        explanation = spike_explain(window, baseline, drill=window_filter)
        bucket = now.strftime("%Y-%m-%dT%H") if social else timezone.localdate(now).isoformat()
        usual = _("%(mean)s tin mỗi %(unit)s") % {
            "mean": f"{check['mean']:.1f}".replace(".", ","),
            "unit": _("giờ") if social else _("ngày"),
        }
        head = _(
            "%(n)d tin trong %(window)s qua, bình thường %(usual)s "
            "(ngưỡng %(threshold)s, k = %(k)s)."
        ) % {
            "n": check["current"],
            "window": _("1 giờ") if social else _("24 giờ"),
            "usual": usual,
            "threshold": f"{check['threshold']:.1f}".replace(".", ","),
            "k": k_text(rule.sensitivity),
        }
        alert = raise_alert(
            rule,
            kind=AlertKind.SPIKE,
            key=f"spike:{rule.pk}:{key_scope}{'social' if social else 'news'}:{bucket}",
            title=(
                f"Tăng đột biến “{scope_name}”: {check['current']} tin "
                f"(ngưỡng {check['threshold']:.1f})"
            ),
            body="\n".join([head, *spike_explanation_lines(explanation)]),
            items=window,
            payload={
                "spike": check,
                "scope": scope_name,
                "explanation": explanation,
                "explanation_text": "\n".join(spike_explanation_lines(explanation, links=True)),
                "all_items_link": absolute(item_list_path(window_filter)),
            },
        )
        if alert:
            return alert
    return None
