"""Runs a batch through the declared stages and records how it ended.

Nothing here swallows an exception: a stage that raises rolls back the store, is recorded on the
PollRun (outcome "error", traceback) and on the source (backoff, last error), and logged; the
caller (a worker looping over sources) then carries on with the next source.
"""

import logging
import os
import socket
import traceback

from django.db import transaction
from django.utils import timezone

from ..batch import Batch
from ..constants import OUTCOME_ADVICE, FetchErrorKind, FetchOutcome, ItemStatus, LeftOut
from ..models import Item, PollRun, RawResponse, Source
from ..privacy import url_pseudonymise
from ..scheduling import next_after_failure, next_after_success
from . import AFTER_COMMIT, STAGES, TRANSACTIONAL
from .fetch import FETCHED_KINDS

log = logging.getLogger(__name__)

_BY_NAME = {stage.__name__.rsplit(".", 1)[1]: stage for stage in STAGES}
_BEFORE = tuple(
    s for s in STAGES if s.__name__.rsplit(".", 1)[1] not in (*TRANSACTIONAL, *AFTER_COMMIT)
)
PROBLEM_STATUSES = (ItemStatus.FETCH_FAILED, ItemStatus.BLOCKED, ItemStatus.QUARANTINED)
# Problem items listed one by one on a PollRun (every one is counted in `counts`).
PROBLEMS_LISTED = 200
SUCCESS_OUTCOMES = (FetchOutcome.OK, FetchOutcome.NOT_MODIFIED)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def poll_run_start(source: Source, *, full_fetch: bool = False) -> PollRun:
    return PollRun.objects.create(source=source, full_fetch=full_fetch, worker=worker_name())


def batch_run(batch: Batch) -> PollRun:
    """Run every stage; return the finished PollRun (its outcome says how it went)."""
    try:
        for stage in _BEFORE:
            batch = stage.run(batch)
        with transaction.atomic():
            for name in TRANSACTIONAL:
                batch = _BY_NAME[name].run(batch)
            _finish(batch)
    except Exception as exc:
        log.exception("poll of source %s failed", batch.source.pk)
        _fail(batch, exc)
        return batch.poll_run
    finally:
        if batch.client is not None:
            batch.client.close()
            batch.client = None
    after_commit_run(batch.stored, poll_run=batch.poll_run)
    return batch.poll_run


def after_commit_run(items: list[Item], *, poll_run: PollRun | None = None) -> bool:
    """Run analyse and alert for stored items, then mark them processed. False on failure (the
    items stay unprocessed and `items_resume` tries them again)."""
    if not items:
        return True
    probe = Batch(source=items[0].source, poll_run=poll_run, stored=items)
    try:
        for name in AFTER_COMMIT:
            probe = _BY_NAME[name].run(probe)
    except Exception as exc:
        log.exception("analyse/alert failed for %d items", len(items))
        if poll_run is not None:
            PollRun.objects.filter(pk=poll_run.pk).update(
                error=f"Phân tích/cảnh báo lỗi (sẽ thử lại): {exc!r}\n{traceback.format_exc()}"
            )
        return False
    Item.objects.filter(pk__in=[i.pk for i in items]).update(processed_at=timezone.now())
    return True


def items_resume(*, limit: int = 500, older_than_seconds: int = 60) -> int:
    """Finish analyse/alert for items a crash (or a failing hook) left unprocessed."""
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    items = list(
        Item.objects.filter(processed_at__isnull=True, fetched_at__lte=cutoff)
        .select_related("source")
        .order_by("id")[:limit]
    )
    by_source: dict[int, list[Item]] = {}
    for item in items:
        by_source.setdefault(item.source_id, []).append(item)
    done = 0
    for group in by_source.values():
        if after_commit_run(group):
            done += len(group)
    return done


def _problems(batch: Batch) -> list[dict]:
    problems = [
        {"url": url_pseudonymise(c.url), "status": c.status, "error": c.error[:500]}
        for c in batch.dropped
        if c.status in PROBLEM_STATUSES
    ]
    batch.leave(LeftOut.PROBLEMS_UNLISTED, max(0, len(problems) - PROBLEMS_LISTED))
    return problems[:PROBLEMS_LISTED]


def _finish(batch: Batch) -> None:
    """Record the poll and move the source's schedule, inside the store transaction."""
    now = timezone.now()
    run, source = batch.poll_run, Source.objects.select_for_update().get(pk=batch.source.pk)
    run.finished_at = now
    run.outcome = batch.outcome or FetchOutcome.OK
    run.counts = batch.counts()
    run.stored = len(batch.stored)
    run.problems = _problems(batch)
    run.left_out = dict(batch.left_out)
    if batch.error and not run.error:
        run.error = batch.error
    run.error_kind = "" if run.outcome in SUCCESS_OUTCOMES else batch.error_kind
    run.save()
    source.last_polled_at = now
    source.last_outcome = run.outcome
    source.claimed_until = None
    scheduled = source.kind in FETCHED_KINDS and not batch.preloaded
    if run.outcome in SUCCESS_OUTCOMES:
        source.consecutive_failures = 0
        source.last_success_at = now
        source.last_error = ""
        source.last_error_kind = ""
        if scheduled:
            document = batch.document
            deferred = batch.left_out.get(LeftOut.LINKS_DEFERRED)
            if run.outcome == FetchOutcome.OK and document is not None and not deferred:
                source.etag = document.headers.get("etag", "")[:500]
                source.last_modified = document.headers.get("last-modified", "")[:100]
            source.polls_since_full = 0 if batch.full_fetch else source.polls_since_full + 1
            source.next_fetch_at = next_after_success(source, run.stored, now)
            if deferred:
                # The links left for later come with the whole document on the next poll.
                source.etag = source.last_modified = ""
    else:
        source.consecutive_failures += 1
        advice = OUTCOME_ADVICE.get(run.outcome, "")
        if batch.error_kind:
            # The failure in plain words first (fetcher.plain_error), then what to do about it.
            source.last_error = f"{batch.error}. {advice}".strip()
        else:
            source.last_error = f"{advice} ({batch.error})" if batch.error else str(advice)
        source.last_error_kind = batch.error_kind or FetchErrorKind.INTERNAL
        if scheduled:
            retry_after = batch.document.retry_after if batch.document else None
            source.next_fetch_at = next_after_failure(source, now, retry_after)
    source.save()
    batch.source = source


def _fail(batch: Batch, exc: Exception) -> None:
    """Record an unexpected error; nothing of the batch was stored (the transaction rolled back).

    When the database went away under the poll (restart, failover, a killed backend), the dead
    connection is dropped so the record is written on a new one; if the database is still down
    this raises, the task fails visibly and the source's lease lets the poll be retried.
    The raw bodies this poll saved are removed with it: the retry fetches them again.
    """
    batch.stored = []
    batch.outcome = FetchOutcome.ERROR
    batch.error = f"{type(exc).__name__}: {exc}"
    batch.error_kind = FetchErrorKind.INTERNAL
    for candidate in batch.candidates:
        if candidate.status in ("", ItemStatus.STORED):
            candidate.status = ItemStatus.QUARANTINED
            candidate.error = batch.error
    batch.poll_run.error = traceback.format_exc()[-5000:]
    connection = transaction.get_connection()
    alive = connection.in_atomic_block or connection.connection is None or connection.is_usable()
    if not alive:
        connection.close()
    with transaction.atomic():
        RawResponse.objects.filter(poll_run=batch.poll_run).delete()
        _finish(batch)
