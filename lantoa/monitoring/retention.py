"""Monitoring's rules for the retention run (lantoa.core.security.retention).

- pseudonymised social posts (items of sources of kind `social_import`) after
  `LANTOA_RETENTION_DAYS["social_posts"]`; a post that a response case cites is the case's evidence
  and is kept while the case exists. Items leave the search index with their rows (a database
  trigger, search migration 0003) and their stories' counts are recomputed;
- raw responses (compressed copies of fetched documents and imported files) after "raw";
- poll runs (the per-poll bookkeeping) after "poll_runs".
Removed rows are counted per source, in the source's history. Posts go first: they point at raw
responses.
"""

from collections import Counter
from datetime import datetime

from django.db.models import Count

from lantoa.core.security.retention import purge_in_batches, retention_rule

from .constants import SourceKind
from .models import Item, PollRun, RawResponse, Source, Story


class _ItemsBatch:
    """Around deleting a batch of items: remember their stories, then recount them."""

    def __init__(self):
        self.story_ids: set[int] = set()

    def __call__(self, ids):
        self.story_ids = set(
            Item.objects.filter(id__in=ids, story__isnull=False).values_list("story_id", flat=True)
        )

    def after(self, ids):
        for story in Story.objects.filter(id__in=self.story_ids).annotate(n=Count("items")):
            if story.n == 0:
                story.delete()
            elif story.n != story.item_count:
                Story.objects.filter(pk=story.pk).update(item_count=story.n)


@retention_rule(
    kind="social_posts",
    label="bài đăng mạng xã hội (đã ẩn danh)",
    default_days=365,
    owner=Source,
)
def social_posts_purge(*, cutoff: datetime, batch_size: int) -> Counter:
    posts = Item.objects.filter(
        source__kind=SourceKind.SOCIAL_IMPORT, fetched_at__lt=cutoff, cases__isnull=True
    ).order_by("id")
    return purge_in_batches(
        posts, batch_size=batch_size, owner_field="source_id", on_batch=_ItemsBatch()
    )


@retention_rule(kind="raw", label="bản lưu thô", default_days=90, owner=Source)
def raw_responses_purge(*, cutoff: datetime, batch_size: int) -> Counter:
    raws = RawResponse.objects.filter(fetched_at__lt=cutoff).order_by("id")
    return purge_in_batches(raws, batch_size=batch_size, owner_field="source_id")


@retention_rule(kind="poll_runs", label="lượt thu thập", default_days=365, owner=Source)
def poll_runs_purge(*, cutoff: datetime, batch_size: int) -> Counter:
    runs = PollRun.objects.filter(started_at__lt=cutoff, finished_at__isnull=False).order_by("id")
    return purge_in_batches(runs, batch_size=batch_size, owner_field="source_id")
