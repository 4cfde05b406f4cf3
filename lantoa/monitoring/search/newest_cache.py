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
- later, and the changes since were appends only (`IndexChange`, each change's first new rowid):
  only the rows from the lowest appended rowid up are searched and put in front of the kept rows
  below it;
- otherwise (a rewrite: an item re-indexed or deleted, a rebuild; the kept generation unknown to
  the log, e.g. read in a transaction that rolled back): the rows are read again.

Reading the generation before the search makes an entry at worst newer than its tag, never older.
Only what the index answers alone is kept (ids and the index's copies of the facet fields on
PostgreSQL; ids and the facet index on SQLite, where a `source:`, `lang:` or `date:` query joins
the items and is not kept): the page's items are loaded by key on every view, facets are counted
in the viewer's time zone on every view, and the page checks the viewer's permission first.

Bounded: at most `MAX_ENTRIES` queries and about `MAX_BYTES` per process (`_size` estimates a
row's Python objects), least recently used dropped first. Per database (alias and name).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db import connection

from .backends import TABLE

# At most this many queries are kept per process, and about this many bytes of rows.
MAX_ENTRIES = 256
MAX_BYTES = 32 * 1024 * 1024
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
# Counts since the process started (or `clear`): hit, appended (searched the new rows only), read.
stats = {"hit": 0, "appended": 0, "read": 0}


def clear() -> None:
    """Forget every kept result (tests, benchmarks)."""
    global _bytes
    with _lock:
        _entries.clear()
        _bytes = 0
        stats.update(hit=0, appended=0, read=0)


def newest_rows(backend, node, limit: int, conditions=(), *, windowed: bool = True) -> list[tuple]:
    """`backend.newest_facet_rows(node, limit, conditions, windowed=…)`, from this process's
    cache when the index has not changed since it was read (see the module's docstring)."""
    state = _state()
    if state is None:  # no generation row (a flushed test database): nothing is kept
        return backend.newest_facet_rows(node, limit, conditions, windowed=windowed)
    seq, token = state
    sql, params = backend.narrowed(node, conditions)
    settings = connection.settings_dict
    key = (
        connection.alias,
        connection.vendor,
        settings.get("HOST"),
        settings.get("PORT"),
        str(settings.get("NAME")),
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
    first = _appended_from(entry, seq, token) if entry is not None else None
    if first is not None:
        newer = backend.newest_facet_rows(
            node, limit, [*conditions, (f"{TABLE}.rowid >= %s", [first])], windowed=False
        )
        rows = [*newer, *(row for row in entry.rows if row[0] < first)][:limit]
        stats["appended"] += 1
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


def _appended_from(entry: _Entry, seq: int, token: int) -> int | None:
    """The lowest rowid appended since `entry` was read, when every change since was an append
    and the log knows the entry's generation and each change up to (seq, token); else None."""
    if seq <= entry.seq:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT seq, token, first_rowid, rewrite FROM search_index_change "
            "WHERE seq >= %s AND seq <= %s ORDER BY seq",
            [entry.seq, seq],
        )
        changes = cursor.fetchall()
    if (
        len(changes) != seq - entry.seq + 1
        or (changes[0][0], changes[0][1]) != (entry.seq, entry.token)
        or (changes[-1][0], changes[-1][1]) != (seq, token)
        or any(rewrite or first is None for _seq, _token, first, rewrite in changes[1:])
    ):
        return None
    return min(first for _seq, _token, first, _rewrite in changes[1:])


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
