"""Writes to the search index. The pipeline's index stage calls `items_index` inside the
transaction that stores the items, so an item and its index row commit (or roll back) together.
No signals: whoever changes items calls `items_index` with their ids; a deleted item's row is
removed by a database trigger (migration 0003), whatever deleted it."""

from django.db import connection, transaction

from lantoa.monitoring.models import Item

from .backends import INDEXED_FIELDS, get_backend

BATCH_SIZE = 500


@transaction.atomic
def items_index(*, item_ids: list[int]) -> None:
    """(Re)index these items; ids of items that no longer exist are removed from the index.

    Idempotent: indexing an item twice leaves one row with its current text.
    """
    ids = sorted({int(item_id) for item_id in item_ids})
    backend = get_backend()
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH_SIZE):
            chunk = ids[start : start + BATCH_SIZE]
            rows = Item.objects.filter(id__in=chunk).values_list(*INDEXED_FIELDS)
            backend.delete(cursor, chunk)
            backend.insert(cursor, list(rows))


@transaction.atomic
def items_reindex_all(*, batch_size: int = 2000, progress=None) -> int:
    """Rebuild the whole index from the items table; returns the number of items indexed.

    `progress(done, total)` is called after each batch (for the command's progress line).
    """
    backend = get_backend()
    total = Item.objects.count()
    done = 0
    with connection.cursor() as cursor:
        backend.clear(cursor)
        last_id = 0
        while True:
            rows = list(
                Item.objects.filter(id__gt=last_id)
                .order_by("id")
                .values_list(*INDEXED_FIELDS)[:batch_size]
            )
            if not rows:
                break
            backend.insert(cursor, rows)
            last_id = rows[-1][0]
            done += len(rows)
            if progress:
                progress(done, total)
    return done
