"""Stage 8: add stored items to the search index, in the same transaction as the store.

The search index is part of monitoring (`lantoa.monitoring.search`): an item that cannot be
indexed is an error of the poll (it rolls back with the store), never a silent gap.
"""

from lantoa.monitoring.search.services import items_index

from ..batch import Batch


def run(batch: Batch) -> Batch:
    if not batch.stored:
        return batch
    items_index(item_ids=[item.id for item in batch.stored])
    return batch
