"""Reads of the monitoring app: source health, counts for the dashboard."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .constants import FETCH_FAILURES
from .models import Item, PollRun, Source
from .urlnorm import url_hash

HEALTH_DAYS = 7


def items_today_count() -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Item.objects.filter(fetched_at__gte=start).count()


def sources_failing():
    """Active sources whose last poll failed (they are backed off, never disabled)."""
    return Source.objects.filter(is_active=True, consecutive_failures__gt=0)


def source_recent_failures(source: Source, *, days: int = HEALTH_DAYS) -> int:
    since = timezone.now() - timedelta(days=days)
    return PollRun.objects.filter(
        source=source, started_at__gte=since, outcome__in=FETCH_FAILURES
    ).count()


def source_items_per_day(source: Source, *, days: int = HEALTH_DAYS) -> float:
    since = timezone.now() - timedelta(days=days)
    return round(Item.objects.filter(source=source, fetched_at__gte=since).count() / days, 1)


def sources_with_health():
    since = timezone.now() - timedelta(days=HEALTH_DAYS)
    return Source.objects.annotate(
        recent_failures=Count(
            "poll_runs",
            filter=Q(poll_runs__started_at__gte=since, poll_runs__outcome__in=FETCH_FAILURES),
            distinct=True,
        ),
    )


def status_totals(source: Source, *, days: int = HEALTH_DAYS) -> dict[str, int]:
    """Final statuses of every item the source brought in the period (from its PollRuns)."""
    since = timezone.now() - timedelta(days=days)
    totals: dict[str, int] = {}
    for counts in PollRun.objects.filter(source=source, started_at__gte=since).values_list(
        "counts", flat=True
    ):
        for status, n in (counts or {}).items():
            totals[status] = totals.get(status, 0) + n
    return totals


def item_url_taken(*, url: str, exclude_id: int | None = None) -> bool:
    """Whether another item already has this URL (compared as the pipeline does: its hash)."""
    return Item.objects.filter(url_hash=url_hash(url)).exclude(pk=exclude_id).exists()
