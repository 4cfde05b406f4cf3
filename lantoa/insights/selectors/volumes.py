"""Volumes of items over time: window counts, spikes (what drove them: `spikes.py`), trends
and forecasts, tone and topic counts, source health, the insights dashboard's figures."""

import statistics
from datetime import datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDay, TruncHour, TruncMonth, TruncWeek
from django.utils import timezone

from lantoa.monitoring.constants import OutletType
from lantoa.monitoring.models import Item, Source, Story

from ..constants import (
    NEWS_WINDOW_DAYS,
    SOCIAL_WINDOW_HOURS,
    SPIKE_MIN_COUNT,
    AlertKind,
    LabelKind,
    Tone,
)
from ..models import (
    Alert,
    AlertRule,
    ItemAnalysis,
    ItemMatch,
    Label,
    Topic,
    Watchlist,
)
from .forecast import forecast_next
from .stories import foreign_q

SOCIAL_OUTLET_TYPES = (OutletType.SOCIAL_PAGE, OutletType.BLOG)


def item_moment_field() -> str:
    return "published_at"


def is_social(item_or_outlet_type: str) -> bool:
    return item_or_outlet_type in (OutletType.SOCIAL_PAGE, OutletType.BLOG)


def window_counts(
    queryset: QuerySet[Item], *, end: datetime, width: timedelta, windows: int
) -> list[int]:
    """Item counts in `windows` consecutive windows of `width` ending at `end` (oldest first)."""
    start = end - width * windows
    moments = queryset.filter(published_at__gte=start, published_at__lt=end).values_list(
        "published_at", flat=True
    )
    counts = [0] * windows
    for moment in moments:
        index = int((moment - start) / width)
        if 0 <= index < windows:
            counts[index] += 1
    return counts


def volume_series(queryset: QuerySet[Item], *, period: str, group: str | None = None):
    """[(period_start, group_value, count)] by week or month, for trends."""
    trunc = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth, "hour": TruncHour}[period]
    values = ["bucket"] + ([group] if group else [])
    rows = (
        queryset.exclude(published_at__isnull=True)
        .annotate(bucket=trunc("published_at"))
        .values(*values)
        .annotate(count=Count("id"))
        .order_by("bucket")
    )
    return [(row["bucket"], row.get(group) if group else None, row["count"]) for row in rows]


def tone_counts(queryset: QuerySet[Item]) -> dict[str, int]:
    counts = dict(
        ItemAnalysis.objects.filter(item__in=queryset.order_by().values("id"))
        .values_list("tone")
        .annotate(n=Count("id"))
    )
    return {tone: counts.get(tone, 0) for tone in Tone.values}


def positive_share(queryset: QuerySet[Item]) -> float | None:
    """KPI: share of positive + neutral items among items whose tone is known (any language)."""
    counts = tone_counts(queryset)
    total = sum(counts.values())
    if not total:
        return None
    return (counts[Tone.POSITIVE] + counts[Tone.NEUTRAL]) / total


def unknown_tone_share(queryset: QuerySet[Item]) -> tuple[int, float | None]:
    """(items of unknown tone, their share of all items): not analysed yet, or in a language no
    analyser reads. Shown beside the positive share, which leaves them out."""
    total = queryset.count()
    if not total:
        return 0, None
    known = sum(tone_counts(queryset).values())
    return total - known, (total - known) / total


def foreign_items(queryset: QuerySet[Item]) -> QuerySet[Item]:
    """The foreign coverage among `queryset`: `stories.is_foreign`'s rule, as a filter."""
    return queryset.filter(foreign_q())


def spike_check(queryset, *, now: datetime, social: bool, sensitivity: float) -> dict | None:
    """Compare the current window with the trailing ones: a spike when the count exceeds
    mean + k·σ of the trailing windows and is at least SPIKE_MIN_COUNT.

    News: the last 24 hours against the 14 days before; social posts: the last hour against the
    12 before. Returns the figures (also when there is no spike, with `spike` False).
    """
    if social:
        width, windows = timedelta(hours=1), SOCIAL_WINDOW_HOURS
    else:
        width, windows = timedelta(days=1), NEWS_WINDOW_DAYS
    counts = window_counts(queryset, end=now, width=width, windows=windows + 1)
    trailing, current = counts[:-1], counts[-1]
    mean = statistics.fmean(trailing)
    sigma = statistics.pstdev(trailing)
    threshold = mean + sensitivity * sigma
    return {
        "spike": current >= SPIKE_MIN_COUNT and current > threshold,
        "current": current,
        "mean": round(mean, 3),
        "sigma": round(sigma, 3),
        "threshold": round(threshold, 3),
        "k": sensitivity,
        "window": "1h/12h" if social else "1d/14d",
        "window_start": (now - width).isoformat(),
    }


def spike_summaries(*, now: datetime | None = None) -> list[dict]:
    """The current spike figures of every active watchlist, every topic and every story seen in
    the last 24 hours, news and social: count in the current window, trailing mean, σ and
    threshold (k of the scope's spike rule, else 3). Ordered with the spikes first."""
    now = now or timezone.now()
    k_by_watchlist = dict(
        AlertRule.objects.filter(
            kind=AlertKind.SPIKE, is_active=True, watchlist__isnull=False
        ).values_list("watchlist_id", "sensitivity")
    )
    k_by_topic = dict(
        AlertRule.objects.filter(
            kind=AlertKind.SPIKE, is_active=True, topic__isnull=False
        ).values_list("topic_id", "sensitivity")
    )
    scopes = (
        [
            (
                "watchlist",
                w.pk,
                w.name,
                Item.objects.filter(watchlist_matches__watchlist=w),
                k_by_watchlist.get(w.pk, 3.0),
            )
            for w in Watchlist.objects.filter(is_active=True)
        ]
        + [
            (
                "topic",
                t.pk,
                t.name,
                Item.objects.filter(analysis__topic=t),
                k_by_topic.get(t.pk, 3.0),
            )
            for t in Topic.objects.all()
        ]
        + [
            ("story", story.pk, story.title, Item.objects.filter(story=story), 3.0)
            for story in Story.objects.filter(last_seen_at__gte=now - timedelta(days=1))
        ]
    )
    rows = []
    for scope, pk, name, queryset, k in scopes:
        for social in (False, True):
            stream = queryset.filter(
                Q(source__outlet_type__in=SOCIAL_OUTLET_TYPES)
                if social
                else ~Q(source__outlet_type__in=SOCIAL_OUTLET_TYPES)
            ).distinct()
            check = spike_check(stream, now=now, social=social, sensitivity=k)
            rows.append(
                {
                    "scope": scope,
                    "id": pk,
                    "name": name,
                    "stream": "social" if social else "news",
                    **check,
                }
            )
    rows.sort(key=lambda row: (not row["spike"], row["scope"], row["name"], row["stream"]))
    return rows


def daily_counts(queryset: QuerySet[Item], *, days: int, today=None) -> list[int]:
    """Items per local day for the complete days before `today` (oldest first, zeros included),
    from the first day with an item, at most `days` days back."""
    today = today or timezone.localdate()
    start = today - timedelta(days=days)
    rows = volume_series(
        queryset.filter(published_at__gte=timezone.make_aware(datetime.combine(start, time()))),
        period="day",
    )
    counts = {}
    for bucket, _, count in rows:
        day = timezone.localtime(bucket).date() if timezone.is_aware(bucket) else bucket.date()
        if day < today:
            counts[day] = counts.get(day, 0) + count
    if not counts:
        return []
    first = min(counts)
    return [counts.get(first + timedelta(days=n), 0) for n in range((today - first).days)]


FORECAST_HISTORY_DAYS = {"week": 26 * 7, "month": 24 * 30}


def trends(*, period: str = "week", watchlist=None, periods: int = 12) -> dict:
    """Volumes by topic, tone, language and outlet type per week/month, forecast and KPI."""
    queryset = Item.objects.all()
    if watchlist is not None:
        queryset = queryset.filter(watchlist_matches__watchlist=watchlist)
    groups = {
        "topic": "analysis__topic__name",
        "tone": "analysis__tone",
        "language": "language",
        "outlet_type": "source__outlet_type",
    }
    totals = volume_series(queryset, period=period)[-periods:]
    buckets = [bucket for bucket, _, _ in totals]
    labels = [bucket.strftime("%d/%m/%Y") for bucket in buckets]
    series = {}
    for name, field in groups.items():
        table: dict[str, list[int]] = {}
        for bucket, value, count in volume_series(queryset, period=period, group=field):
            if bucket in buckets:
                table.setdefault(value or "—", [0] * len(buckets))[buckets.index(bucket)] += count
        series[name] = table
    tone_table = series["tone"]
    kpi, unknown = [], []
    for index in range(len(buckets)):
        known = sum(tone_table.get(t, [0] * len(buckets))[index] for t in Tone.values)
        good = sum(
            tone_table.get(t, [0] * len(buckets))[index] for t in (Tone.POSITIVE, Tone.NEUTRAL)
        )
        kpi.append(round(100 * good / known, 1) if known else None)
        everything = totals[index][2]
        unknown.append(round(100 * (everything - known) / everything, 1) if everything else None)
    volumes = [count for _, _, count in totals]
    return {
        "labels": labels,
        "total": volumes,
        "series": series,
        "forecast": forecast_next(
            daily_counts(queryset, days=FORECAST_HISTORY_DAYS[period]), period=period
        ),
        "kpi_positive_share": kpi,
        "kpi_unknown_tone_share": unknown,
    }


def dashboard_counts() -> dict:
    since = timezone.now() - timedelta(days=7)
    recent = Item.objects.filter(published_at__gte=since)
    share = positive_share(recent)
    _, unknown = unknown_tone_share(recent)
    return {
        "matches_7d": ItemMatch.objects.filter(matched_at__gte=since).count(),
        "alerts_7d": Alert.objects.filter(created_at__gte=since).count(),
        "negative_7d": ItemAnalysis.objects.filter(
            item__published_at__gte=since, tone=Tone.NEGATIVE
        ).count(),
        "positive_share": f"{share:.0%}" if share is not None else "—",
        "unknown_tone_share": f"{unknown:.0%}" if unknown is not None else "—",
        "queue": ItemAnalysis.objects.exclude(
            item_id__in=Label.objects.filter(kind=LabelKind.TONE).values("item_id")
        ).count(),
    }


def source_health(*, now=None, days: int = 28, k: float = 3.0) -> list[dict]:
    """Sources whose last 24 hours fall outside mean ± k·σ of their previous `days` days
    (a feed that went silent or floods); quiet sources (mean below 1 a day) are skipped."""
    now = now or timezone.now()
    anomalies = []
    for source in Source.objects.filter(is_active=True):
        counts = window_counts(
            source.items.all(), end=now, width=timedelta(days=1), windows=days + 1
        )
        trailing, current = counts[:-1], counts[-1]
        mean, sigma = statistics.fmean(trailing), statistics.pstdev(trailing)
        if mean < 1:
            continue
        low, high = mean - k * sigma, mean + k * sigma
        if current < low or current > high or (current == 0 and sigma == 0):
            anomalies.append(
                {
                    "source": source,
                    "current": current,
                    "mean": round(mean, 2),
                    "sigma": round(sigma, 2),
                    "kind": "drop" if current < mean else "surge",
                }
            )
    return anomalies


def topic_counts(queryset: QuerySet[Item]) -> list[tuple[object, int]]:
    """KPI: items of `queryset` per topic of the taxonomy, as [(Topic, count)] in the taxonomy's
    order, topics without items left out; items with no topic yet are not counted."""
    counts = dict(
        ItemAnalysis.objects.filter(item__in=queryset.order_by().values("id"), topic__isnull=False)
        .values_list("topic")
        .annotate(n=Count("id"))
    )
    topics = Topic.objects.filter(pk__in=counts).order_by("sort_order", "name")
    return [(topic, counts[topic.pk]) for topic in topics]
