"""Writes to the search index. The pipeline's index stage calls `items_index` inside the
transaction that stores the items, so an item and its index row commit (or roll back) together.
No signals: whoever changes items calls `items_index` with their ids; a deleted item's row is
removed by a database trigger (migration 0003), whatever deleted it.

Every change also moves the index's generation (`IndexState`, and a line in `IndexChange`; the
delete trigger of migration 0005 does it for deletions): the search page's per-process cache
(`newest_cache`) keeps a result only while the generation it was read at is current."""

import secrets

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
    rewrite, inserted = False, []
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH_SIZE):
            chunk = ids[start : start + BATCH_SIZE]
            rows = list(Item.objects.filter(id__in=chunk).values_list(*INDEXED_FIELDS))
            # A row replaced or removed is a rewrite; rows only added are an append.
            rewrite = backend.delete(cursor, chunk) > 0 or rewrite
            backend.insert(cursor, rows)
            inserted += [row[0] for row in rows]
        if rewrite or inserted:
            # Last: writers queue on the state row until they commit, so it is held briefly.
            index_changed(cursor, first_rowid=None if rewrite else min(inserted))


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
        index_changed(cursor, first_rowid=None)
    return done


# Changes kept in IndexChange (as the delete trigger of migration 0005 keeps them): a cache older
# than this many changes reads its result again.
KEPT_CHANGES = 1000


def index_changed(cursor, *, first_rowid: int | None) -> None:
    """Move the index's generation, in the caller's transaction: rows were appended from
    `first_rowid` up, or (None) rows were replaced or removed. Called by the writers above; a
    deletion of items records itself (trigger)."""
    token = secrets.randbits(62)
    cursor.execute(
        "INSERT INTO search_index_state (id, seq, token) VALUES (1, 1, %s) ON CONFLICT (id) "
        "DO UPDATE SET seq = search_index_state.seq + 1, token = excluded.token",
        [token],
    )
    cursor.execute("SELECT seq FROM search_index_state WHERE id = 1")
    seq = cursor.fetchone()[0]
    cursor.execute(
        "INSERT INTO search_index_change (seq, token, first_rowid, rewrite) "
        "VALUES (%s, %s, %s, %s)",
        [seq, token, first_rowid, first_rowid is None],
    )
    cursor.execute("DELETE FROM search_index_change WHERE seq <= %s", [seq - KEPT_CHANGES])
