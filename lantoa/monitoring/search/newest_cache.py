"""Reads: a query's newest matches, kept per process while the index has not changed.

The search page reads the 1,001 newest matches of its query (their ids and facet fields) on every
view; at 1M items that is most of a PostgreSQL page's SQL (GIN bitmaps, rechecks of each
candidate's tsvector: docs/operations-search.md). Those rows change only when the index does, so
each process keeps them, keyed on the compiled SQL and its parameters (so `source:` names resolved
to other ids, or a filter written differently, never share an entry) and tagged with the index's
generation (`IndexState`: seq and a random token, moved in the transaction of every change to the
index; see services.index_changed and the delete trigger of migration 0005).

A view reads the generation first (one primary-key row), then:
- the same generation: the kept rows, no search;
- later, and the log of changes since (`IndexChange`) names the rows: only the rows appended
  (from the lowest new rowid up) and the rows rewritten (items re-indexed or deleted, by rowid)
  are searched and merged with the kept rows (`_updated`);
- otherwise (a rebuild, more than 1,000 rows rewritten at once, the kept generation unknown to
  the log, e.g. read in a transaction that rolled back, or too few kept rows left after
  deletions): the rows are read again.

Reading the generation before the search makes an entry at worst newer than its tag, never older.
Only what the index answers alone is kept (ids and the index's copies of the facet fields on
PostgreSQL; ids and the facet index on SQLite, where a `source:`, `lang:` or `date:` query joins
the items and is not kept): the page's items are loaded by key on every view, facets are counted
in the viewer's time zone on every view, and the page checks the viewer's permission first.

Bounded: at most `MAX_ENTRIES` queries and about `MAX_BYTES` per process (`ROW_BYTES` estimates
a row's Python objects: a full entry of 1,001 rows is ~260 KB, so the defaults of 256 queries and
32 MB hold ~120 full entries), least recently used dropped first. Per database (alias, host and
name). LANTOA_SEARCH_CACHE_ENTRIES=0 turns it off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from .backends import TABLE

# At most this many queries are kept per process (0: no cache), and about this many bytes of
# rows (settings LANTOA_SEARCH_CACHE_ENTRIES, LANTOA_SEARCH_CACHE_MB).
MAX_ENTRIES = settings.LANTOA_SEARCH_CACHE_ENTRIES
MAX_BYTES = settings.LANTOA_SEARCH_CACHE_MB * 1024 * 1024
# More rows rewritten since an entry was read than this: it is read again (a long IN list of
# rowids would cost more than the search).
MAX_REWRITTEN = 1_000
# A rough size of one kept row (a 4-tuple of two ints, a short string, a datetime) in bytes.
ROW_BYTES = 260


@dataclass
class _Entry:
    seq: int
    token: int
    rows: list[tuple]
    size: int


_entries: OrderedDict[tuple, _Entry] = OrderedDict()
_lock = threading.Lock()
_bytes = 0
# Counts since the process started (or `clear`): hit, updated (only changed rows searched), read.
stats = {"hit": 0, "updated": 0, "read": 0}


def clear() -> None:
    """Forget every kept result (tests, benchmarks)."""
    global _bytes
    with _lock:
        _entries.clear()
        _bytes = 0
        stats.update(hit=0, updated=0, read=0)


def newest_rows(backend, node, limit: int, conditions=(), *, windowed: bool = True) -> list[tuple]:
    """`backend.newest_facet_rows(node, limit, conditions, windowed=…)`, from this process's
    cache when the index has not changed since it was read (see the module's docstring)."""
    state = _state() if MAX_ENTRIES > 0 else None
    if state is None:  # off, or no generation row (a flushed test database): nothing is kept
        return backend.newest_facet_rows(node, limit, conditions, windowed=windowed)
    seq, token = state
    sql, params = backend.narrowed(node, conditions)
    database = connection.settings_dict
    key = (
        connection.alias,
        connection.vendor,
        database.get("HOST"),
        database.get("PORT"),
        str(database.get("NAME")),
        sql,
        repr(params),
        limit,
        windowed,
    )
    with _lock:
        entry = _entries.get(key)
        if entry is not None:
            _entries.move_to_end(key)
    if entry is not None and (entry.seq, entry.token) == (seq, token):
        stats["hit"] += 1
        return entry.rows
    changes = _changes_since(entry, seq, token) if entry is not None else None
    rows = _updated(backend, node, limit, conditions, entry, changes) if changes else None
    if rows is not None:
        stats["updated"] += 1
    else:
        rows = backend.newest_facet_rows(node, limit, conditions, windowed=windowed)
        stats["read"] += 1
    _keep(key, _Entry(seq=seq, token=token, rows=rows, size=ROW_BYTES * len(rows) + len(sql)))
    return rows


def _state() -> tuple[int, int] | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq, token FROM search_index_state WHERE id = 1")
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None


def _changes_since(entry: _Entry, seq: int, token: int) -> tuple[int | None, set[int]] | None:
    """(the lowest rowid appended, the rowids rewritten) since `entry` was read, when the log
    knows the entry's generation and every change up to (seq, token), and each rewrite names
    its rows; else None (read everything again)."""
    if seq <= entry.seq:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT seq, token, first_rowid, rewrite, rowids FROM search_index_change "
            "WHERE seq >= %s AND seq <= %s ORDER BY seq",
            [entry.seq, seq],
        )
        log = cursor.fetchall()
    if (
        len(log) != seq - entry.seq + 1
        or (log[0][0], log[0][1]) != (entry.seq, entry.token)
        or (log[-1][0], log[-1][1]) != (seq, token)
    ):
        return None
    first, rewritten = None, set()
    for _seq, _token, first_rowid, rewrite, rowids in log[1:]:
        if rewrite and not rowids:
            return None  # a rebuild, or too many rows to name
        if rewrite:
            rewritten.update(int(rowid) for rowid in rowids.split(","))
            if len(rewritten) > MAX_REWRITTEN:
                return None
        if first_rowid is not None:
            first = first_rowid if first is None else min(first, first_rowid)
    return first, rewritten


def _updated(backend, node, limit, conditions, entry: _Entry, changes) -> list[tuple] | None:
    """The entry's rows brought up to date by searching only the rows appended (from `first`
    up) and rewritten, or None when that cannot tell the newest `limit` matches.

    The kept rows were the newest `limit` matches (all of them if fewer): every match not
    rewritten and not appended since is still a match, and no other row changed. When they
    were all the matches, kept + found is every match; otherwise it is exact only down to the
    oldest kept row, and is used if `limit` matches remain there."""
    first, rewritten = changes
    found: dict[int, tuple] = {}
    if first is not None:
        for row in backend.newest_facet_rows(
            node, limit, [*conditions, (f"{TABLE}.rowid >= %s", [first])], windowed=False
        ):
            found[row[0]] = row
    if rewritten:
        ids = sorted(rewritten)
        marks = ",".join(["%s"] * len(ids))
        for row in backend.newest_facet_rows(
            node, limit, [*conditions, (f"{TABLE}.rowid IN ({marks})", ids)], windowed=False
        ):
            found[row[0]] = row
    kept = [
        row for row in entry.rows if row[0] not in rewritten and (first is None or row[0] < first)
    ]
    rows = sorted([*kept, *found.values()], key=lambda row: row[0], reverse=True)
    if len(entry.rows) >= limit:  # the kept rows were not all the matches
        oldest = entry.rows[-1][0]
        rows = [row for row in rows if row[0] >= oldest]
        if len(rows) < limit:
            return None
    return rows[:limit]


def _keep(key: tuple, entry: _Entry) -> None:
    global _bytes
    if entry.size > MAX_BYTES:
        return
    with _lock:
        old = _entries.pop(key, None)
        if old is not None:
            _bytes -= old.size
        _entries[key] = entry
        _bytes += entry.size
        while len(_entries) > MAX_ENTRIES or _bytes > MAX_BYTES:
            _key, dropped = _entries.popitem(last=False)
            _bytes -= dropped.size
