"""Stage 8: add stored items to the search index, in the same transaction as the store."""

import logging

from ..batch import Batch

log = logging.getLogger(__name__)


def indexer():
    """The search app's `items_index(*, item_ids)`, or None until that app provides it."""
    try:
        from lantoa.monitoring.search.services import items_index
    except ImportError:
        return None
    return items_index


def run(batch: Batch) -> Batch:
    if not batch.stored:
        return batch
    items_index = indexer()
    if items_index is None:
        log.warning("search index not available: %d items stored unindexed", len(batch.stored))
        return batch
    items_index(item_ids=[item.id for item in batch.stored])
    return batch
