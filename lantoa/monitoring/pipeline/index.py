"""Stage 8: add stored items to the search index, in the same transaction as the store."""

from lantoa.monitoring.search.services import items_index

from ..batch import Batch


def indexer():
    """The search app's `items_index(*, item_ids)` (a function, so a test can stand in for it)."""
    return items_index


def run(batch: Batch) -> Batch:
    if not batch.stored:
        return batch
    indexer()(item_ids=[item.id for item in batch.stored])
    return batch
