"""Backtests: run a watchlist's or alert rule's query over the last 90 days of stored items and
keep the run with its query version and random samples; the monitor marks the samples."""

from __future__ import annotations

import time
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from lantoa.monitoring.search.window import search_window

from ..constants import BACKTEST_DAYS, BACKTEST_SAMPLE_SIZE, BacktestVariant
from ..models import AlertRule, Backtest, BacktestSample, Watchlist
from ..selectors.backtests import BacktestQueries, query_hash


def _version(*, watchlist: Watchlist | None, rule: AlertRule | None, digest: str) -> int:
    """The version of this query text for the subject: the one it had when first tried, else
    one more than the last (a draft of an unsaved watchlist is always version 1)."""
    if watchlist is None and rule is None:
        return 1
    earlier = Backtest.objects.filter(watchlist=watchlist, rule=rule)
    same = earlier.filter(query_hash=digest).order_by("created_at").first()
    if same is not None:
        return same.version
    return (earlier.aggregate(last=Max("version"))["last"] or 0) + 1


@transaction.atomic
def backtest_run(
    *,
    queries: BacktestQueries,
    user,
    watchlist: Watchlist | None = None,
    rule: AlertRule | None = None,
    now=None,
    days: int = BACKTEST_DAYS,
    sample_size: int = BACKTEST_SAMPLE_SIZE,
) -> Backtest:
    """Run `queries` (from `selectors.backtests`) over the items published in the last `days`
    days: the daily curve and a random sample of the matches, and the same for what the relaxed
    variant adds (its matches that the query itself misses)."""
    end = now or timezone.now()
    start = end - timedelta(days=days)
    began = time.perf_counter()
    strict = search_window(queries.strict, start=start, end=end, sample_size=sample_size)
    extra = search_window(queries.relaxed_extra, start=start, end=end, sample_size=sample_size)
    digest = query_hash(queries.text)
    backtest = Backtest.objects.create(
        watchlist=watchlist,
        rule=rule,
        query=queries.text,
        query_hash=digest,
        version=_version(watchlist=watchlist, rule=rule, digest=digest),
        aliases="\n".join(queries.aliases),
        window_start=start,
        window_end=end,
        match_count=strict.count,
        daily=[[day.isoformat(), n] for day, n in strict.by_day],
        relaxed_extra_count=extra.count,
        duration_ms=round((time.perf_counter() - began) * 1000),
        created_by=user,
    )
    BacktestSample.objects.bulk_create(
        [
            BacktestSample(backtest=backtest, item_id=item_id, variant=variant, position=position)
            for variant, ids in (
                (BacktestVariant.STRICT, strict.sample_ids),
                (BacktestVariant.RELAXED, extra.sample_ids),
            )
            for position, item_id in enumerate(ids)
        ]
    )
    return backtest


@transaction.atomic
def backtest_mark(*, backtest: Backtest, marks: dict[int, bool | None], user) -> int:
    """Mark samples of `backtest` relevant (True), not relevant (False) or unmarked (None),
    by sample id; ids of other backtests are ignored. Returns how many changed."""
    changed = 0
    now = timezone.now()
    for sample in backtest.samples.filter(id__in=list(marks)).select_for_update():
        relevant = marks[sample.id]
        if sample.relevant is relevant:
            continue
        sample.relevant = relevant
        sample.marked_by = user if relevant is not None else None
        sample.marked_at = now if relevant is not None else None
        sample.save(update_fields=["relevant", "marked_by", "marked_at"])
        changed += 1
    return changed
