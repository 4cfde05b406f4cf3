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
    rewritten, appended = [], []
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH_SIZE):
            chunk = ids[start : start + BATCH_SIZE]
            rows = list(Item.objects.filter(id__in=chunk).values_list(*INDEXED_FIELDS))
            # Rows replaced or removed are rewritten; rows of items indexed for the first time
            # are appended.
            present = set(backend.delete(cursor, chunk))
            backend.insert(cursor, rows)
            rewritten += sorted(present)
            appended += [row[0] for row in rows if row[0] not in present]
        if rewritten or appended:
            # Last: writers queue on the state row until they commit, so it is held briefly.
            index_changed(
                cursor, first_rowid=min(appended, default=None), rewritten=rewritten or None
            )


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
        index_changed(cursor, first_rowid=None, rewritten=ALL_ROWS)
    return done


# Changes kept in IndexChange (as the delete trigger of migration 0005 keeps them): a cache older
# than this many changes reads its result again.
KEPT_CHANGES = 1000
# More rewritten rowids than this are recorded as "any row" (as the delete trigger does).
REWRITTEN_IDS = 1000
ALL_ROWS = "all"


def index_changed(cursor, *, first_rowid: int | None, rewritten=None) -> None:
    """Move the index's generation, in the caller's transaction: rows appended from
    `first_rowid` up (None: none), rows `rewritten` (replaced or removed: their rowids, None for
    none, `ALL_ROWS` for a rebuild). Called by the writers above; a deletion of items records
    itself (trigger)."""
    if rewritten == ALL_ROWS or (rewritten is not None and len(rewritten) > REWRITTEN_IDS):
        rowids = None
    else:
        rowids = ",".join(map(str, rewritten)) if rewritten else None
    token = secrets.randbits(62)
    # The next generation follows both the state row and the last change recorded: a state row
    # emptied without the log (a flush, a partial restore) must not make a seq already in the log.
    cursor.execute(
        "INSERT INTO search_index_state (id, seq, token) "
        "VALUES (1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM search_index_change), %s) "
        "ON CONFLICT (id) DO UPDATE SET seq = CASE WHEN search_index_state.seq >= excluded.seq "
        "THEN search_index_state.seq + 1 ELSE excluded.seq END, token = excluded.token",
        [token],
    )
    cursor.execute("SELECT seq FROM search_index_state WHERE id = 1")
    seq = cursor.fetchone()[0]
    cursor.execute(
        "INSERT INTO search_index_change (seq, token, first_rowid, rewrite, rowids) "
        "VALUES (%s, %s, %s, %s, %s)",
        [seq, token, first_rowid, rewritten is not None, rowids],
    )
    cursor.execute("DELETE FROM search_index_change WHERE seq <= %s", [seq - KEPT_CHANGES])
