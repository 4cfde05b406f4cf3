"""Stage 7: upsert items on url_hash (a concurrent worker's copy wins, ours counts as duplicate)
and attach syndicated copies to a Story. Runs inside the poll's transaction.

Set-based: one bulk insert for the batch, and a fixed number of statements for the stories
whatever the number of copies (an aggregator's feed can be nothing but copies).
"""

from django.db import connection
from django.db.models import F
from django.utils import timezone

from lantoa.core.bulk import rows_insert

from ..batch import Batch
from ..constants import ItemStatus, LeftOut
from ..models import Item, Story

URL_MAX = Item._meta.get_field("url").max_length


def run(batch: Batch) -> Batch:
    if not batch.candidates:
        return batch
    now = timezone.now()
    story_of = _stories_prepare(batch)
    batch.leave(LeftOut.URLS_CUT, sum(len(c.url) > URL_MAX for c in batch.candidates))
    rows = [
        Item(
            source=batch.source,
            url=c.url[:URL_MAX],
            url_hash=c.url_hash,
            title=c.title,
            summary=c.summary,
            text=c.text,
            html=c.html,
            language=c.language,
            published_at=c.published_at or now,
            title_folded=c.title_folded,
            title_hash=c.title_hash,
            author_pseudonym=c.author_pseudonym,
            original_url_sealed=c.original_url_sealed,
            raw=c.raw or batch.document_raw,
            poll_run=batch.poll_run,
            minhash=c.minhash,
            story_id=story_of.get(c.near_item_id),
        )
        for c in batch.candidates
    ]
    # One prepared INSERT for the batch; the ids are read back below.
    rows_insert(Item, rows, ignore_conflicts=True)
    ours = dict(
        Item.objects.filter(
            poll_run=batch.poll_run, url_hash__in=[c.url_hash for c in batch.candidates]
        ).values_list("url_hash", "id")
    )
    for row in rows:
        # The row we built is the row stored (bulk_create filled auto_now_add): no reload.
        # Without an id here, a concurrent worker stored this URL first.
        row.pk = ours.get(row.url_hash)
        if row.pk is not None:
            row._state.adding, row._state.db = False, Item.objects.db
    for candidate, row in zip(batch.candidates, rows, strict=True):
        if row.pk is None:
            batch.drop(candidate, ItemStatus.DUPLICATE_URL, "một tiến trình khác vừa lưu")
            continue
        candidate.status = ItemStatus.STORED
        candidate.item = row
    batch.candidates = [c for c in batch.candidates if c.item is not None]
    _stories_count(batch)
    batch.stored = [c.item for c in batch.candidates]
    return batch


def _stories_prepare(batch: Batch) -> dict[int, int]:
    """original item id → its Story id, creating the Story of originals that had none.

    The originals are locked (PostgreSQL; in id order, so two workers cannot deadlock) so that
    two workers attaching copies of the same original agree on one Story.
    """
    near_ids = sorted({c.near_item_id for c in batch.candidates if c.near_item_id})
    if not near_ids:
        return {}
    originals = list(
        Item.objects.select_for_update(of=("self",))
        .filter(pk__in=near_ids)
        .order_by("pk")
        .only("id", "title", "story_id", "published_at", "fetched_at")
    )
    lonely = [o for o in originals if o.story_id is None]
    if lonely:
        stories = Story.objects.bulk_create(
            [
                Story(
                    title=o.title,
                    item_count=1,
                    first_seen_at=o.published_at or o.fetched_at,
                    last_seen_at=o.published_at or o.fetched_at,
                )
                for o in lonely
            ]
        )
        for original, story in zip(lonely, stories, strict=True):
            if story.pk is None:  # only databases that return ids from bulk inserts are supported
                raise RuntimeError("bulk_create returned no Story id")
            original.story_id = story.pk
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {Item._meta.db_table} SET story_id = %s WHERE id = %s",  # noqa: S608
                [(o.story_id, o.pk) for o in lonely],
            )
    return {o.pk: o.story_id for o in originals}


def _stories_count(batch: Batch) -> None:
    added: dict[int, int] = {}
    for candidate in batch.candidates:
        if candidate.item.story_id:
            added[candidate.item.story_id] = added.get(candidate.item.story_id, 0) + 1
    by_increment: dict[int, list[int]] = {}
    for story_id, count in added.items():
        by_increment.setdefault(count, []).append(story_id)
    now = timezone.now()
    for count, story_ids in by_increment.items():
        Story.objects.filter(pk__in=story_ids).update(
            item_count=F("item_count") + count, updated_at=now, last_seen_at=now
        )
