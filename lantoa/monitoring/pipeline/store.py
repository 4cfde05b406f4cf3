"""Stage 7: upsert items on url_hash (a concurrent worker's copy wins, ours counts as duplicate)
and attach syndicated copies to a Story. Runs inside the poll's transaction.
"""

from django.db.models import F
from django.utils import timezone

from ..batch import Batch
from ..constants import ItemStatus
from ..models import Item, Story


def run(batch: Batch) -> Batch:
    if not batch.candidates:
        return batch
    now = timezone.now()
    rows = [
        Item(
            source=batch.source,
            url=c.url[:2000],
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
            raw=c.raw or batch.document_raw,
            poll_run=batch.poll_run,
            minhash=c.minhash,
        )
        for c in batch.candidates
    ]
    Item.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    ours = dict(
        Item.objects.filter(
            poll_run=batch.poll_run, url_hash__in=[c.url_hash for c in batch.candidates]
        ).values_list("url_hash", "id")
    )
    stored_ids = []
    for candidate in batch.candidates:
        item_id = ours.get(candidate.url_hash)
        if item_id is None:
            batch.drop(candidate, ItemStatus.DUPLICATE_URL, "một tiến trình khác vừa lưu")
            continue
        stored_ids.append(item_id)
    batch.prune()
    for candidate in batch.candidates:
        candidate.status = ItemStatus.STORED
    items = {item.url_hash: item for item in Item.objects.filter(id__in=stored_ids)}
    for candidate in batch.candidates:
        candidate.item = items[candidate.url_hash]
    _stories_attach(batch)
    batch.stored = [c.item for c in batch.candidates]
    return batch


def _stories_attach(batch: Batch) -> None:
    near = [c for c in batch.candidates if c.near_item_id]
    if not near:
        return
    originals = Item.objects.in_bulk([c.near_item_id for c in near])
    for candidate in near:
        original = originals.get(candidate.near_item_id)
        if original is None:
            continue
        if original.story_id is None:
            story = Story.objects.create(title=original.title, item_count=1)
            Item.objects.filter(pk=original.pk).update(story=story)
            original.story_id = story.id
        Item.objects.filter(pk=candidate.item.pk).update(story_id=original.story_id)
        Story.objects.filter(pk=original.story_id).update(
            item_count=F("item_count") + 1, updated_at=timezone.now()
        )
        candidate.item.story_id = original.story_id
