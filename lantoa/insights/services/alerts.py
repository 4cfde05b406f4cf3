"""Raising, grouping and throttling alerts, and their read state (delivery: `delivery.py`,
spikes and their explanation: `spikes.py`, the one-alert machinery: `raising.py`).

Every alert carries a `dedup_key`, unique in the table: raising the same alert twice (a retried
task, two workers) creates one row. Throttling: a rule that alerted within `throttle_minutes`
stays silent (digests excepted, they are their own throttle); an immediate match rule's next alert
carries the matches that came while it was silent, and when no new match comes, the scheduler
sends them once the throttle has passed (`alerts_send_waiting`).
"""

import logging
from collections import Counter
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation

from lantoa.core.audit import audit
from lantoa.core.constants import country_name
from lantoa.core.registry import app_modules
from lantoa.monitoring.constants import OutletType
from lantoa.monitoring.models import Item, Story
from lantoa.monitoring.selectors import source_rhythm_problems

from ..constants import (
    AlertKind,
    Channel,
    Frequency,
    Tone,
    TopicKind,
    WebhookFormat,
)
from ..models import Alert, AlertRule, ItemAnalysis, ItemMatch, Topic, Watchlist
from ..selectors import alerts_for_user, foreign_q, spike_check, story_trace
from .raising import active_rules, active_rules_by_kind, is_throttled, raise_alert
from .spikes import spikes_detect

# Spike detection moved to `spikes.py`; these names stay importable from here.
__all__ = ["spike_check", "spikes_detect"]

logger = logging.getLogger(__name__)


def alert_raise(rule: AlertRule, *, kind, key, title, body, items, payload=None) -> Alert | None:
    """Raise one alert for another app's event (a resurfaced claim): unique by `key`, delivered
    after the commit like every other alert; None when that key was raised before."""
    return raise_alert(
        rule, kind=kind, key=key, title=title, body=body, items=items, payload=payload
    )


def alert_rules_active(kind: str) -> list[AlertRule]:
    return list(active_rules(kind))


@transaction.atomic
@translation.override("vi")  # stored texts, read by the office whoever's request raised them
def alerts_raise_for_items(
    *, item_ids: list[int], match_ids: list[int] | None = None
) -> list[Alert]:
    """Alerts that new items can trigger at once: immediate matches, negative tone on a sensitive
    topic, first foreign-press mention of a watchlist (their texts in Vietnamese: countries and
    languages are named in the language that is active). `match_ids`: the items' watchlist
    matches to alert on; None: all their matches (read only when a rule needs them)."""
    now = timezone.now()
    raised: list[Alert] = []
    # One query for the rules of the four kinds (most batches meet few rules or none).
    rules = active_rules_by_kind(
        [AlertKind.MATCH, AlertKind.NEGATIVE_SENSITIVE, AlertKind.FOREIGN_FIRST,
         AlertKind.FOREIGN_PICKUP]
    )  # fmt: skip
    matches: list[ItemMatch] = []
    if rules[AlertKind.MATCH] or rules[AlertKind.FOREIGN_FIRST]:
        scope = {"item_id__in": item_ids} if match_ids is None else {"id__in": match_ids}
        matches = list(
            ItemMatch.objects.filter(**scope).select_related("item__source", "watchlist")
        )
    for rule in rules[AlertKind.MATCH]:
        if rule.frequency != Frequency.IMMEDIATE:
            continue
        relevant = [
            m for m in matches if not rule.watchlist_id or m.watchlist_id == rule.watchlist_id
        ]
        if not relevant or is_throttled(rule, now):
            continue  # a throttled rule's matches wait for its next alert (`_matches_waiting`)
        if rule.throttle_minutes:
            groups = [(relevant[0], _matches_waiting(rule, exclude=relevant) + relevant)]
        else:
            groups = [(match, [match]) for match in relevant]
        for first, group in groups:
            alert = _match_alert(rule, first, group)
            raised += [alert] if alert else []
    analyses = ItemAnalysis.objects.filter(
        item_id__in=item_ids, tone=Tone.NEGATIVE, topic__kind=TopicKind.SENSITIVE
    ).select_related("item__source", "topic")
    for rule in rules[AlertKind.NEGATIVE_SENSITIVE]:
        for analysis in analyses:
            if rule.topic_id and analysis.topic_id != rule.topic_id:
                continue
            alert = raise_alert(
                rule,
                kind=AlertKind.NEGATIVE_SENSITIVE,
                key=f"negsens:{rule.pk}:{analysis.item_id}",
                title=f"Tin tiêu cực về “{analysis.topic}”: {analysis.item.title}",
                body=analysis.item.summary[:500],
                items=[analysis.item],
            )
            raised += [alert] if alert else []
    foreign = [m for m in matches if m.item.source.outlet_type == OutletType.FOREIGN_PRESS]
    for rule in rules[AlertKind.FOREIGN_FIRST]:
        for match in foreign:
            if rule.watchlist_id and match.watchlist_id != rule.watchlist_id:
                continue
            earlier = ItemMatch.objects.filter(
                watchlist=match.watchlist,
                item__source__outlet_type=OutletType.FOREIGN_PRESS,
                id__lt=match.id,
            ).exists()
            if earlier:
                continue
            alert = raise_alert(
                rule,
                kind=AlertKind.FOREIGN_FIRST,
                key=f"foreign:{rule.pk}:{match.watchlist_id}",
                title=f"Báo nước ngoài lần đầu nhắc đến “{match.watchlist}”: {match.item.title}",
                body=f"{match.item.source.name} ({country_name(match.item.source.country)})",
                items=[match.item],
            )
            raised += [alert] if alert else []
    raised += _foreign_pickups(item_ids, rules[AlertKind.FOREIGN_PICKUP])
    return raised


def _match_alert(rule: AlertRule, first: ItemMatch, group: list[ItemMatch]) -> Alert | None:
    """One immediate-match alert: `first` gives its title and passage, it carries `group`."""
    more = f" (và {len(group) - 1} tin khác)" if len(group) > 1 else ""
    return raise_alert(
        rule,
        kind=AlertKind.MATCH,
        key=f"match:{rule.pk}:{first.item_id}",
        title=f"[{first.watchlist}] {first.item.title}{more}",
        body=_strip_marks(first.passage),
        items=[match.item for match in group],
    )


@transaction.atomic
def alerts_send_waiting(*, now: datetime | None = None) -> list[Alert]:
    """The matches a throttled immediate rule held back, sent once its throttle has passed even
    when no new match comes to carry them (run every few minutes by the scheduler): one alert
    per rule, titled with the newest of them."""
    now = now or timezone.now()
    raised: list[Alert] = []
    rules = active_rules(AlertKind.MATCH).filter(
        frequency=Frequency.IMMEDIATE, throttle_minutes__gt=0
    )
    for rule in rules:
        if is_throttled(rule, now):
            continue
        waiting = _matches_waiting(rule, exclude=[])
        if waiting:
            alert = _match_alert(rule, waiting[-1], waiting)
            raised += [alert] if alert else []
    return raised


def _matches_waiting(rule: AlertRule, *, exclude: list[ItemMatch]) -> list[ItemMatch]:
    """The matches of the rule's scope that came while it was throttled: since its last alert and
    in none of its alerts. Its next alert carries them, so a throttle delays, never drops."""
    last = rule.alerts.order_by("-created_at").values_list("created_at", flat=True).first()
    if last is None:
        return []
    waiting = (
        ItemMatch.objects.filter(matched_at__gte=last)
        .exclude(item__alerts__rule=rule)
        .exclude(pk__in=[match.pk for match in exclude])
    )
    if rule.watchlist_id:
        waiting = waiting.filter(watchlist_id=rule.watchlist_id)
    return list(waiting.select_related("item__source", "watchlist").order_by("matched_at", "pk"))


def _trace_text(trace: dict) -> str:
    lines = []
    for step in trace["outlets"]:
        moment = timezone.localtime(step["at"]).strftime("%d/%m/%Y %H:%M")
        where = "nước ngoài" if step["foreign"] else "trong nước"
        lines.append(
            f"{moment} · {step['outlet']} ({step['country_name']}, {step['language_name']}, "
            f"{where})"
        )
    return "\n".join(lines)


def _foreign_pickups(item_ids: list[int], rules: list[AlertRule]) -> list[Alert]:
    """A local story that has just crossed into foreign media: one alert per `rules` and story,
    carrying the origin trace and the clarifications other apps know of (`story_context`)."""
    # Only a story with local coverage can have started locally: foreign-only stories (most of
    # the foreign press) are left out here, not traced one query each at every batch.
    local_items = Item.objects.filter(story=OuterRef("pk")).exclude(foreign_q())
    stories = list(
        Story.objects.filter(
            Exists(local_items),
            items__id__in=item_ids,
            foreign_at__isnull=False,
            foreign_alerted_at__isnull=True,
        ).distinct()
    )
    raised: list[Alert] = []
    for story in stories:
        trace = story_trace(story)
        if not trace["local"]:
            continue  # a foreign story, not a local one picked up abroad
        context: dict = {}
        for module in app_modules("story_context"):
            context.update(module.story_context(story))
        items = list(story.items.select_related("source").order_by("published_at", "id"))
        payload = {"story_id": story.pk, "trace": _trace_json(trace), **context}
        cases = context.get("clarifications", [])
        body = _trace_text(trace) + "".join(
            f"\nVụ việc làm rõ #{c['id']}: {c['claim']} ({c['state']}, {c['verdict']})"
            for c in cases
        )
        for rule in rules:
            if (
                rule.watchlist_id
                and not ItemMatch.objects.filter(
                    watchlist_id=rule.watchlist_id, item__story=story
                ).exists()
            ):
                continue
            abroad = trace["abroad"]
            alert = raise_alert(
                rule,
                kind=AlertKind.FOREIGN_PICKUP,
                key=f"pickup:{rule.pk}:{story.pk}",
                title=f"Chuỗi tin lan ra nước ngoài ({abroad['outlet']}): {story.title}",
                body=body,
                items=items,
                payload=payload,
            )
            raised += [alert] if alert else []
        Story.objects.filter(pk=story.pk).update(foreign_alerted_at=timezone.now())
    return raised


def _trace_json(trace: dict) -> dict:
    def step(value):
        return {**value, "at": value["at"].isoformat()} if value else None

    return {
        "first": step(trace["first"]),
        "abroad": step(trace["abroad"]),
        "outlets": [step(s) for s in trace["outlets"]],
        "languages": [step(s) for s in trace["languages"]],
    }


def _strip_marks(passage: str) -> str:
    return passage.replace("<mark>", "«").replace("</mark>", "»")


@transaction.atomic
def alert_digests_send(*, frequency: str, now: datetime | None = None) -> list[Alert]:
    """One digest alert per hourly/daily match rule, grouping the matches of the last period."""
    now = now or timezone.now()
    period = timedelta(hours=1) if frequency == Frequency.HOURLY else timedelta(days=1)
    if frequency == Frequency.HOURLY:
        end = now.replace(minute=0, second=0, microsecond=0)
    else:
        local = timezone.localtime(now)
        end = local.replace(hour=0, minute=0, second=0, microsecond=0)
    start = end - period
    raised = []
    for rule in active_rules(AlertKind.MATCH).filter(frequency=frequency):
        matches = ItemMatch.objects.filter(matched_at__gte=start, matched_at__lt=end)
        if rule.watchlist_id:
            matches = matches.filter(watchlist_id=rule.watchlist_id)
        matches = list(matches.select_related("item__source", "watchlist").order_by("matched_at"))
        if not matches:
            continue
        by_watchlist = Counter(m.watchlist.name for m in matches)
        lines = [f"{name}: {count} tin" for name, count in by_watchlist.most_common()]
        lines += [f"- {m.item.title} ({m.item.source.name})" for m in matches[:30]]
        alert = raise_alert(
            rule,
            kind=AlertKind.MATCH,
            key=f"digest:{rule.pk}:{start.isoformat()}",
            title=f"Tổng hợp {len(matches)} tin khớp danh sách theo dõi",
            body="\n".join(lines),
            items=[m.item for m in matches],
            payload={
                "digest": {
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "by_watchlist": dict(by_watchlist),
                }
            },
        )
        raised += [alert] if alert else []
    return raised


@transaction.atomic
def source_health_alerts(*, now: datetime | None = None) -> list[Alert]:
    """One alert per source-health episode (a source silent, or failing, beyond its own usual
    rhythm: `source_rhythm_problems`) for every active rule of kind SOURCE_HEALTH; the episode
    is named by the source's last good moment, so a continuing episode is not raised again."""
    now = now or timezone.now()
    rules = list(active_rules(AlertKind.SOURCE_HEALTH))
    if not rules:
        return []
    raised = []
    for problem in source_rhythm_problems(now=now):
        source = problem["source"]
        since = timezone.localtime(problem["since"]).strftime("%H:%M %d/%m/%Y")
        if problem["kind"] == "failing":
            title = f"Nguồn “{source.name}” lỗi liên tiếp {problem['failures']} lần"
            body = (
                f"Lần thu thập thành công gần nhất: {since} ({problem['quiet_hours']:.1f} giờ "
                f"trước), trong khi nhịp thường lệ là {problem['usual_hours']:.1f} giờ. "
                f"Lỗi gần nhất: {source.last_error or '—'}"
            )
        else:
            title = f"Nguồn “{source.name}” im lặng bất thường"
            body = (
                f"Không có tin mới từ {since} ({problem['quiet_hours']:.1f} giờ), trong khi "
                f"nguồn này thường có tin mới sau tối đa {problem['usual_hours']:.1f} giờ. "
                "Kiểm tra địa chỉ nguồn hoặc trang đã đổi cấu trúc."
            )
        payload = {
            "source_health": {
                "source_id": source.pk,
                "source": source.name,
                "kind": problem["kind"],
                "since": problem["since"].isoformat(),
                "usual_hours": problem["usual_hours"],
                "quiet_hours": problem["quiet_hours"],
                "failures": problem["failures"],
            }
        }
        for rule in rules:
            alert = raise_alert(
                rule,
                kind=AlertKind.SOURCE_HEALTH,
                key=f"source_health:{rule.pk}:{source.pk}:{problem['kind']}:"
                f"{problem['since'].isoformat()}"[:200],
                title=title,
                body=body,
                items=[],
                payload=payload,
            )
            if alert:
                raised.append(alert)
    return raised


# --- read state (the in-app inbox) ---------------------------------------------------------


@transaction.atomic
def alert_mark_read(*, alert: Alert, user, read: bool = True) -> None:
    """Mark `alert` read (or unread again) for `user` only; other people keep their state."""
    if read:
        alert.read_by.add(user)
    else:
        alert.read_by.remove(user)


@transaction.atomic
def alerts_mark_all_read(*, user, alerts=None) -> int:
    """Mark every alert (or those of `alerts`) read for `user`; returns how many changed."""
    unread = alerts_for_user(user).filter(is_read=False)
    if alerts is not None:
        unread = unread.filter(pk__in=alerts.values("pk"))
    ids = list(unread.values_list("pk", flat=True))
    Alert.read_by.through.objects.bulk_create(
        [Alert.read_by.through(alert_id=pk, user_id=user.pk) for pk in ids],
        ignore_conflicts=True,
    )
    return len(ids)


# --- rules ----------------------------------------------------------------------------------


@transaction.atomic
def alert_rule_create(
    *,
    name: str,
    kind: str,
    channel: str = Channel.IN_APP,
    target: str = "",
    watchlist: Watchlist | None = None,
    topic: Topic | None = None,
    frequency: str = Frequency.IMMEDIATE,
    webhook_format: str = WebhookFormat.JSON,
    chat_id: str = "",
    sensitivity: float = 3.0,
    throttle_minutes: int = 60,
    is_active: bool = True,
    user=None,
) -> AlertRule:
    """Create an alert rule after the model's validation (the admin form's too): a webhook
    target the outbound guard would refuse raises `ValidationError` and nothing is saved."""
    rule = AlertRule(
        name=name,
        kind=kind,
        channel=channel,
        target=target.strip(),
        watchlist=watchlist,
        topic=topic,
        frequency=frequency,
        webhook_format=webhook_format,
        chat_id=chat_id,
        sensitivity=sensitivity,
        throttle_minutes=throttle_minutes,
        is_active=is_active,
    )
    rule.full_clean()
    rule.save()
    audit(rule, "wagtail.create", user=user)
    return rule
