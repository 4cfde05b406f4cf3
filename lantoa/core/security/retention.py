"""Retention: monitoring data older than the configured periods is removed, in batches.

Three kinds of rows age out, each with its own period (days; 0 keeps them for good):
- raw responses (`monitoring.RawResponse`: compressed copies of fetched documents and imported
  files) after `LANTOA_RETENTION_RAW_DAYS`;
- poll runs (`monitoring.PollRun`: the per-poll bookkeeping) after `LANTOA_RETENTION_POLLRUN_DAYS`;
- pseudonymised social posts (items of sources of kind `social_import`) after
  `LANTOA_RETENTION_SOCIAL_DAYS`. A post that a response case cites is the case's evidence and is
  kept while the case exists.

Deletion goes in batches of `LANTOA_RETENTION_BATCH` rows, each batch its own transaction, so a
large purge never holds long locks and an interrupted run simply continues next time. Items
leave the search index with their rows (a database trigger, search migration 0003), and story
counts are recomputed.
Each source that lost rows gets an audit entry with the counts (no content), shown in its history.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from lantoa.core.audit import audit

AUDIT_ACTION = "lantoa.retention_purge"
DEFAULT_DAYS = {"raw": 90, "poll_runs": 365, "social_posts": 365}


@dataclass
class RetentionResult:
    """What one run removed: totals per kind, and per source id."""

    totals: Counter = field(default_factory=Counter)
    by_source: dict[int, Counter] = field(default_factory=dict)

    def add(self, kind: str, source_counts: Counter) -> None:
        for source_id, count in source_counts.items():
            self.by_source.setdefault(source_id, Counter())[kind] += count
            self.totals[kind] += count


def retention_periods() -> dict[str, int]:
    """Days each kind is kept (0 = kept for good), from settings."""
    configured = settings.LANTOA_RETENTION_DAYS
    return {kind: int(configured.get(kind, days)) for kind, days in DEFAULT_DAYS.items()}


def _purge(queryset, *, batch_size: int, on_batch=None) -> Counter:
    """Delete `queryset` in batches of ids; returns rows deleted per source id."""
    counts: Counter = Counter()
    while True:
        with transaction.atomic():
            rows = list(queryset.values_list("id", "source_id")[:batch_size])
            if not rows:
                return counts
            ids = [row_id for row_id, _source in rows]
            if on_batch is not None:
                on_batch(ids)
            queryset.model.objects.filter(id__in=ids).delete()
            if on_batch is not None:
                on_batch.after(ids)
            counts.update(source_id for _id, source_id in rows)


class _ItemsBatch:
    """Around deleting a batch of items: remember their stories, then recount them."""

    def __init__(self):
        self.story_ids: set[int] = set()

    def __call__(self, ids):
        from lantoa.monitoring.models import Item

        self.story_ids = set(
            Item.objects.filter(id__in=ids, story__isnull=False).values_list("story_id", flat=True)
        )

    def after(self, ids):
        from lantoa.monitoring.models import Story

        for story in Story.objects.filter(id__in=self.story_ids).annotate(n=Count("items")):
            if story.n == 0:
                story.delete()
            elif story.n != story.item_count:
                Story.objects.filter(pk=story.pk).update(item_count=story.n)


def retention_run(*, now=None, batch_size: int | None = None) -> RetentionResult:
    """Remove what is older than the retention periods; returns the counts (also audited).

    Not one transaction on purpose: each batch commits on its own (see the module docstring).
    """
    from lantoa.monitoring.constants import SourceKind
    from lantoa.monitoring.models import Item, PollRun, RawResponse, Source

    now = now or timezone.now()
    batch_size = batch_size or settings.LANTOA_RETENTION_BATCH
    periods = retention_periods()
    result = RetentionResult()
    if periods["social_posts"]:
        cutoff = now - timedelta(days=periods["social_posts"])
        posts = Item.objects.filter(
            source__kind=SourceKind.SOCIAL_IMPORT, fetched_at__lt=cutoff, cases__isnull=True
        ).order_by("id")
        result.add("social_posts", _purge(posts, batch_size=batch_size, on_batch=_ItemsBatch()))
    if periods["raw"]:
        cutoff = now - timedelta(days=periods["raw"])
        raws = RawResponse.objects.filter(fetched_at__lt=cutoff).order_by("id")
        result.add("raw", _purge(raws, batch_size=batch_size))
    if periods["poll_runs"]:
        cutoff = now - timedelta(days=periods["poll_runs"])
        runs = PollRun.objects.filter(started_at__lt=cutoff, finished_at__isnull=False)
        result.add("poll_runs", _purge(runs.order_by("id"), batch_size=batch_size))
    with transaction.atomic():
        for source in Source.objects.filter(pk__in=result.by_source):
            counts = result.by_source[source.pk]
            audit(
                source,
                AUDIT_ACTION,
                data={"counts": dict(counts), "periods_days": periods, "at": now.isoformat()},
            )
    return result


RETENTION_SCHEDULE_NAME = "lantoa: xóa dữ liệu theo dõi quá hạn lưu giữ"
RETENTION_TASK_NAME = "lantoa.core.security.tasks.retention_nightly"


@transaction.atomic
def retention_schedule_ensure() -> None:
    """The nightly retention job in django-celery-beat (03:30 Asia/Ho_Chi_Minh), idempotently.

    An administrator may change its time or disable it in the admin; this keeps their choice.
    """
    from django_celery_beat.models import PeriodicTask

    from lantoa.core.services import crontab_ensure

    if PeriodicTask.objects.filter(name=RETENTION_SCHEDULE_NAME).exists():
        return
    schedule = crontab_ensure(minute="30", hour="3")
    PeriodicTask.objects.create(
        name=RETENTION_SCHEDULE_NAME, task=RETENTION_TASK_NAME, crontab=schedule
    )
