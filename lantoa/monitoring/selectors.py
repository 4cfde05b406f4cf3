"""Reads of the monitoring app: source health, counts for the dashboard."""

import hashlib
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from lantoa.core import panels
from lantoa.core.constants import language_name
from lantoa.core.panels import admin_list_url

from .constants import FETCH_FAILURES, OutletType
from .models import Item, PollRun, Source
from .urlnorm import url_hash

HEALTH_DAYS = 7


def items_today_count() -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Item.objects.filter(fetched_at__gte=start).count()


def sources_failing():
    """Active sources whose last poll failed (they are backed off, never disabled)."""
    return Source.objects.filter(is_active=True, consecutive_failures__gt=0)


def sources_activity(source_ids, *, days: int = HEALTH_DAYS) -> dict[int, tuple[int, int]]:
    """{source id: (failed polls, items fetched)} over the last `days` days for a page of the
    source list, read from the poll runs alone: each run keeps how many new items it stored
    (`PollRun.stored`), so the figure grows with the number of polls, not of items (counting the
    items themselves read every item of the week: seconds at a million). Items entered by hand
    (no poll run) are not the source's fetching and are not counted. Kept for a minute or until a
    new poll or item."""
    ids = sorted(set(source_ids))
    if not ids:
        return {}
    # The newest poll run and item are part of the key: new data is counted at once (a run
    # stores its items when it finishes, so the newest item moves then).
    newest = (
        PollRun.objects.order_by("-pk").values_list("pk", flat=True).first(),
        Item.objects.order_by("-pk").values_list("pk", flat=True).first(),
    )
    identity = repr((days, newest, ids)).encode()
    key = "lantoa:sources-activity:v2:" + hashlib.sha256(identity).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    since = timezone.now() - timedelta(days=days)
    rows = (
        PollRun.objects.filter(source_id__in=ids, started_at__gte=since)
        .order_by()
        .values_list("source_id")
        .annotate(
            failed=Count("pk", filter=Q(outcome__in=FETCH_FAILURES)),
            stored=Coalesce(Sum("stored"), 0),
        )
    )
    result = dict.fromkeys(ids, (0, 0))
    for source_id, failed, stored in rows:
        result[source_id] = (failed, stored)
    cache.set(key, result, 60)
    return result


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


# --- KPI figures (the reports dashboard, the annual report's annex) -----------------------------
# Items are counted by their publication time; monitoring has no units, so `unit` is ignored.


def items_published_in_period(*, start: date, end: date) -> QuerySet[Item]:
    tz = timezone.get_current_timezone()
    low = timezone.make_aware(datetime.combine(start, time.min), tz)
    high = timezone.make_aware(datetime.combine(end, time.max), tz)
    return Item.objects.filter(published_at__gte=low, published_at__lte=high)


def item_list_url(*, start: date, end: date, **params) -> str:
    """The admin's item list for the items published in the period, narrowed by `params`."""
    return admin_list_url(
        "monitoring",
        "item",
        published_from=start.isoformat(),
        published_to=end.isoformat(),
        **params,
    )


def kpi_items_by_language(*, start: date, end: date, unit=None) -> list[panels.Count]:
    rows = (
        items_published_in_period(start=start, end=end)
        .values("language")
        .annotate(n=Count("pk"))
        .order_by("-n", "language")
    )
    return [
        panels.Count(
            language_name(row["language"]),
            row["n"],
            item_list_url(start=start, end=end, language=row["language"]),
        )
        for row in rows
    ]


def kpi_items_by_outlet_type(*, start: date, end: date, unit=None) -> list[panels.Count]:
    labels = dict(OutletType.choices)
    rows = (
        items_published_in_period(start=start, end=end)
        .values("source__outlet_type")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return [
        panels.Count(
            str(labels.get(row["source__outlet_type"], row["source__outlet_type"])),
            row["n"],
            item_list_url(start=start, end=end, source__outlet_type=row["source__outlet_type"]),
        )
        for row in rows
    ]


def item_url_taken(*, url: str, exclude_id: int | None = None) -> bool:
    """Whether another item already has this URL (compared as the pipeline does: its hash)."""
    return Item.objects.filter(url_hash=url_hash(url)).exclude(pk=exclude_id).exists()


# --- source health from each source's own rhythm (source-health alerts) ---------------------

RHYTHM_DAYS = 28
RHYTHM_MIN_RUNS = 5
RHYTHM_FACTOR = 3.0
RHYTHM_FLOOR = timedelta(hours=1)
FAILING_MIN_RUNS = 3


def _usual_gap(moments: list[datetime]) -> timedelta | None:
    """The 90th percentile of the gaps between consecutive moments (None with too few)."""
    if len(moments) < RHYTHM_MIN_RUNS:
        return None
    gaps = sorted(b - a for a, b in pairwise(moments))
    return gaps[min(len(gaps) - 1, int(0.9 * len(gaps)))]


def source_rhythm_problems(*, now: datetime | None = None) -> list[dict]:
    """Active sources that fell silent or keep failing beyond their own usual rhythm.

    From each source's poll runs of the last RHYTHM_DAYS days:
    - "failing": the last FAILING_MIN_RUNS or more polls failed, and the time since the last
      successful poll is more than RHYTHM_FACTOR × its usual gap between successful polls;
    - "silent": polls succeed but no new item came for more than RHYTHM_FACTOR × its usual gap
      between polls that brought new items (a feed that stopped updating, a changed address).
    The usual gap is the 90th percentile of the source's own gaps (at least RHYTHM_FLOOR); a
    source with fewer than RHYTHM_MIN_RUNS such polls has no rhythm yet and is not judged.
    `since` is the last good moment: it names the episode (one alert per episode)."""
    now = now or timezone.now()
    problems = []
    since = now - timedelta(days=RHYTHM_DAYS)
    runs_by_source: dict[int, list[tuple]] = {}
    for row in (
        PollRun.objects.filter(started_at__gte=since, source__is_active=True)
        .exclude(outcome="running")
        .order_by("source_id", "started_at")
        .values_list("source_id", "started_at", "outcome", "stored")
    ):
        runs_by_source.setdefault(row[0], []).append(row[1:])
    sources = Source.objects.in_bulk(list(runs_by_source))
    for source_id, runs in runs_by_source.items():
        ok = [at for at, outcome, _stored in runs if outcome not in FETCH_FAILURES]
        productive = [
            at for at, outcome, stored in runs if stored and outcome not in FETCH_FAILURES
        ]
        trailing_failures = 0
        for _at, outcome, _stored in reversed(runs):
            if outcome not in FETCH_FAILURES:
                break
            trailing_failures += 1
        problem = None
        usual = _usual_gap(ok)
        if trailing_failures >= FAILING_MIN_RUNS and usual is not None and ok:
            quiet = now - ok[-1]
            if quiet > max(RHYTHM_FACTOR * usual, RHYTHM_FLOOR):
                problem = ("failing", ok[-1], usual, quiet)
        if problem is None and trailing_failures == 0:
            usual = _usual_gap(productive)
            if usual is not None:
                quiet = now - productive[-1]
                if quiet > max(RHYTHM_FACTOR * usual, RHYTHM_FLOOR):
                    problem = ("silent", productive[-1], usual, quiet)
        if problem is not None:
            kind, last_good, usual, quiet = problem
            problems.append(
                {
                    "source": sources[source_id],
                    "kind": kind,
                    "since": last_good,
                    "usual_hours": round(usual.total_seconds() / 3600, 2),
                    "quiet_hours": round(quiet.total_seconds() / 3600, 2),
                    "failures": trailing_failures,
                }
            )
    return problems
