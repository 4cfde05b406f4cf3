"""The index table of each database engine and the SQL a query tree compiles to.

Both engines keep one row per item in `search_item_fts` (rowid = Item.id) holding four indexed
texts: the title and the body (summary + text), each in its exact and its folded form
(`tokens.py`). User text never enters SQL: on SQLite the whole FTS5 expression is one bound
parameter, on PostgreSQL every tsquery is a bound parameter cast with `::tsquery`; the tokens in
them are letters and digits only, quoted.

- SQLite: an FTS5 virtual table (tokenizer `unicode61 remove_diacritics 0`, so the exact columns
  keep their marks), ranked with bm25 (titles weigh double).
- PostgreSQL: a table of tsvector columns built in Python (no text-search parser or dictionary
  touches them, the 'simple' behaviour), each with a GIN index, ranked with ts_rank. The row also
  copies the item's publication time, language and source, indexed: a query's `date:`,
  `source:` and `lang:` filters then narrow the text matches inside this table (a bitmap AND of
  two indexes) instead of joining every match with its item (`pushdown`, `newest`).

Rows handed to `insert` are `INDEXED_FIELDS` of Item, in that order.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable, Sequence

from django.db import connection

from .query import And, DateFilter, LanguageFilter, Not, Or, SourceFilter, Term
from .sources import source_ids
from .tokens import both_tokens

INDEXED_FIELDS = ("id", "title", "summary", "text", "published_at", "language", "source_id")

TABLE = "search_item_fts"
ITEM_TABLE = "monitoring_item"
# PostgreSQL keeps positions up to 16383; a tsvector must stay under 1 MB.
_MAX_BODY_TOKENS = 60_000


def is_positive(node) -> bool:
    """True when `node` is pure text and selects rows by itself (no bare NOT): it can drive the
    ranked full-text query. Other text (e.g. `NOT x` alone) is compiled as `id NOT IN (…)`."""
    if isinstance(node, Term):
        return True
    if isinstance(node, Or):
        return all(is_positive(child) for child in node.children)
    if isinstance(node, And):
        positives = [c for c in node.children if is_positive(c)]
        others = [c for c in node.children if not is_positive(c)]
        return bool(positives) and all(isinstance(c, Not) and is_positive(c.child) for c in others)
    return False


def split_negatives(children: Iterable) -> tuple[list, list]:
    positives, negatives = [], []
    for child in children:
        if isinstance(child, Not):
            negatives.append(child.child)
        else:
            positives.append(child)
    return positives, negatives


def item_forms(title: str, summary: str, text: str) -> dict[str, list[str]]:
    title_exact, title_folded = both_tokens(title)
    body_exact, body_folded = both_tokens(f"{summary}\n{text}")
    return {
        "title": title_exact,
        "body": body_exact[:_MAX_BODY_TOKENS],
        "title_f": title_folded,
        "body_f": body_folded[:_MAX_BODY_TOKENS],
    }


class _Backend:
    """What both engines share; each subclass writes `match` (a positive text node as a condition
    on its index table) and `rank_sql` (lower is better)."""

    vendor = ""

    def match(self, node) -> tuple[str, list]:
        raise NotImplementedError

    def rank_sql(self, node) -> tuple[str, list]:
        raise NotImplementedError

    def pushdown(self, node) -> tuple[str, list] | None:
        """The condition on the index row that keeps exactly the items a filter keeps, or None
        when the index has no copy of the filtered field (then the filter joins the items)."""
        return None

    def narrowed(self, node, conditions=()) -> tuple[str, list]:
        """The match condition ANDed with pushed-down `conditions` (`pushdown`)."""
        sql, params = self.match(node)
        for condition, condition_params in conditions:
            # `match` of an OR is "(a) OR (b)": without parentheses the AND binds to b only.
            sql, params = f"({sql}) AND ({condition})", [*params, *condition_params]
        return sql, params

    def ids_sql(self, node, conditions=()) -> tuple[str, list]:
        """The ids of the matches, narrowed by pushed-down `conditions` (`pushdown`)."""
        sql, params = self.narrowed(node, conditions)
        return f"SELECT rowid FROM {TABLE} WHERE {sql}", params  # noqa: S608

    def count_sql(self, node) -> tuple[str, list]:
        sql, params = self.ids_sql(node)
        return f"SELECT count(*) FROM ({sql}) AS matches", params  # noqa: S608

    def count_bounded_sql(self, node, bound: int, conditions=()) -> tuple[str, list]:
        """Count the matches (narrowed by pushed-down `conditions`), stopping at `bound`: the
        index yields them lazily, so a common word costs no more than a rare one."""
        sql, params = self.ids_sql(node, conditions)
        return f"SELECT count(*) FROM ({sql} LIMIT {int(bound)}) AS matches", params  # noqa: S608

    def newest_ids_sql(self, node, limit: int, conditions=()) -> tuple[str, list]:
        """The ids of the newest `limit` matches, from the index table alone: the items are then
        fetched by key. (Joined with every match, PostgreSQL may walk the item table backwards
        from the newest item until the last match: 197,009 rows for 1,001 matches.)"""
        sql, params = self.ids_sql(node, conditions)
        return f"{sql} ORDER BY rowid DESC LIMIT {int(limit)}", params

    def newest_facet_rows_sql(self, node, limit: int, conditions=()) -> tuple[str, list]:
        """(id, source_id, language, published_at) of the newest `limit` matches, newest first,
        without reading the item rows (each engine has its own copy of those fields)."""
        raise NotImplementedError

    def newest_facet_rows(
        self, node, limit: int, conditions=(), *, windowed: bool = True
    ) -> list[tuple]:
        """The rows of `newest_facet_rows_sql`, read. `windowed`: the engine may look among the
        newest index rows first (PostgreSQL); False when a date filter makes that pointless."""
        sql, params = self.newest_facet_rows_sql(node, limit, conditions)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def newest(self, queryset, node, conditions=()):
        """Matches, newest collected first, in the index's own rowid order (= item id), so that
        the database can stop at the page: FTS5 walks its doclists backwards; PostgreSQL walks
        the index's primary key backwards testing each row for common words, or takes a GIN
        bitmap and a top-N sort for rare ones (the planner chooses from the statistics).

        `conditions` are the query's filters as `pushdown` wrote them: tested on the index row's
        own copies, they narrow the matches (on PostgreSQL a bitmap AND with the GIN index)
        before any item is joined."""
        sql, params = self.match(node)
        where = [f"{TABLE}.rowid = {ITEM_TABLE}.id", sql]
        for condition, condition_params in conditions:
            where.append(condition)
            params = [*params, *condition_params]
        return queryset.extra(  # noqa: S610 - SQL is ours, user text is bound
            tables=[TABLE], where=where, params=params, select={"fts_rowid": f"{TABLE}.rowid"}
        ).order_by("-fts_rowid")

    def ranked(self, queryset, node):
        sql, params = self.match(node)
        rank, rank_params = self.rank_sql(node)
        return queryset.extra(  # noqa: S610 - SQL is ours, user text is bound
            tables=[TABLE],
            where=[f"{TABLE}.rowid = {ITEM_TABLE}.id", sql],
            params=params,
            select={"search_rank": rank},
            select_params=rank_params,
        ).order_by("search_rank", "-published_at", "-id")


class SqliteBackend(_Backend):
    vendor = "sqlite"

    # --- index ---
    def delete(self, cursor, item_ids: Sequence[int]) -> list[int]:
        """Remove these items' rows; returns the rowids there were."""
        marks = ",".join(["%s"] * len(item_ids))
        cursor.execute(f"SELECT rowid FROM {TABLE} WHERE rowid IN ({marks})", list(item_ids))  # noqa: S608
        present = [row[0] for row in cursor.fetchall()]
        if present:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", list(item_ids))  # noqa: S608
        return present

    def insert(self, cursor, rows: Iterable[tuple]) -> None:
        values = []
        for item_id, title, summary, text, *_filters in rows:
            forms = item_forms(title, summary, text)
            values.append(
                (
                    item_id,
                    " ".join(forms["title"]),
                    " ".join(forms["body"]),
                    " ".join(forms["title_f"]),
                    " ".join(forms["body_f"]),
                )
            )
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, title, body, title_f, body_f) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            values,
        )

    def clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608

    # --- query ---
    def _columns(self, term: Term) -> str:
        suffix = "" if term.exact else "_f"
        if term.field == "title":
            return f"title{suffix}"
        return f"{{title{suffix} body{suffix}}}"

    def expression(self, node) -> str:
        """The FTS5 query for a positive text node (see `is_positive`)."""
        if isinstance(node, Term):
            phrase = '"' + " ".join(t.replace('"', '""') for t in node.tokens) + '"'
            return f"{self._columns(node)} : {phrase}{' *' if node.prefix else ''}"
        if isinstance(node, Or):
            return " OR ".join(f"({self.expression(c)})" for c in node.children)
        positives, negatives = split_negatives(node.children)
        expression = " AND ".join(f"({self.expression(c)})" for c in positives)
        if negatives:
            excluded = " OR ".join(f"({self.expression(c)})" for c in negatives)
            expression = f"({expression}) NOT ({excluded})"
        return expression

    def match(self, node) -> tuple[str, list]:
        return f"{TABLE} MATCH %s", [self.expression(node)]

    def rank_sql(self, node) -> tuple[str, list]:
        return f"{TABLE}.rank", []  # bm25 with the column weights set in migration 0001

    def newest_facet_rows_sql(self, node, limit: int, conditions=()) -> tuple[str, list]:
        """Read from the index of the items' facet fields (migration 0004), not from the item
        rows: theirs sit after the text, in overflow pages. Named (INDEXED BY) because SQLite
        without ANALYZE statistics prefers the primary key; left out if the index is missing
        (a table rebuilt by a later migration loses it), so the page still answers."""
        ids, params = self.newest_ids_sql(node, limit, conditions)
        hint = f"INDEXED BY {FACET_INDEX}" if _sqlite_facet_index() else ""
        return (
            f"SELECT id, source_id, language, published_at FROM {ITEM_TABLE} {hint} "  # noqa: S608
            f"WHERE id IN ({ids}) ORDER BY id DESC",
            params,
        )


def _tsvector(tokens: Sequence[str], weight: str = "", offset: int = 0) -> str:
    positions: dict[str, list[str]] = {}
    for index, token in enumerate(tokens):
        positions.setdefault(token, []).append(f"{min(index + 1 + offset, 16383)}{weight}")
    return " ".join(f"'{token}':{','.join(p[:256])}" for token, p in positions.items())


def _tsquery_term(term: Term) -> str:
    lexemes = [f"'{token}'" for token in term.tokens]
    if term.prefix:
        lexemes[-1] += ":*"
    return " <-> ".join(lexemes) if len(lexemes) > 1 else lexemes[0]


PG_COLUMNS = (
    "rowid", "title_v", "all_v", "title_fv", "all_fv", "published_at", "language", "source_id"
)  # fmt: skip


def tsvectors(forms: dict[str, list[str]]) -> tuple[str, str, str, str]:
    """title_v, all_v, title_fv, all_fv of one item: titles weigh A, body positions after 1000."""
    return (
        _tsvector(forms["title"]),
        _tsvector(forms["title"], "A") + " " + _tsvector(forms["body"], "", 1000),
        _tsvector(forms["title_f"]),
        _tsvector(forms["title_f"], "A") + " " + _tsvector(forms["body_f"], "", 1000),
    )


class PostgresBackend(_Backend):
    vendor = "postgresql"

    def delete(self, cursor, item_ids: Sequence[int]) -> list[int]:
        """Remove these items' rows; returns the rowids there were."""
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE rowid = ANY(%s) RETURNING rowid",  # noqa: S608
            [list(item_ids)],
        )
        return [row[0] for row in cursor.fetchall()]

    def insert(self, cursor, rows: Iterable[tuple]) -> None:
        values = []
        for item_id, title, summary, text, published_at, language, source_id in rows:
            vectors = tsvectors(item_forms(title, summary, text))
            values.append((item_id, *vectors, published_at, language.lower(), source_id))
        cursor.executemany(
            f"INSERT INTO {TABLE} ({', '.join(PG_COLUMNS)}) "  # noqa: S608
            "VALUES (%s, %s::tsvector, %s::tsvector, %s::tsvector, %s::tsvector, %s, %s, %s)",
            values,
        )

    def clear(self, cursor) -> None:
        cursor.execute(f"TRUNCATE {TABLE}")

    def _column(self, term: Term) -> str:
        name = "title" if term.field == "title" else "all"
        return f"{TABLE}.{name}_{'v' if term.exact else 'fv'}"

    def match(self, node) -> tuple[str, list]:
        """A boolean SQL condition on the index row for a positive text node."""
        if isinstance(node, Term):
            return f"{self._column(node)} @@ %s::tsquery", [_tsquery_term(node)]
        if isinstance(node, Not):
            sql, params = self.match(node.child)
            return f"NOT ({sql})", params
        parts = [self.match(child) for child in node.children]
        joiner = " OR " if isinstance(node, Or) else " AND "
        return (
            joiner.join(f"({sql})" for sql, _ in parts),
            [p for _, params in parts for p in params],
        )

    def rank_sql(self, node) -> tuple[str, list]:
        """Minus the summed ts_rank of the positive terms, per column (lower is better)."""
        by_column: dict[str, list[str]] = {}

        def walk(n, negated):
            if isinstance(n, Term):
                if not negated:
                    column = self._column(Term(tokens=n.tokens, exact=n.exact, field=None))
                    by_column.setdefault(column, []).append(_tsquery_term(n))
            elif isinstance(n, Not):
                walk(n.child, not negated)
            else:
                for child in n.children:
                    walk(child, negated)

        walk(node, False)
        sql = " + ".join(f"ts_rank({column}, %s::tsquery)" for column in by_column)
        return f"-({sql})", [" | ".join(f"({q})" for q in qs) for qs in by_column.values()]

    def newest_facet_rows_sql(self, node, limit: int, conditions=()) -> tuple[str, list]:
        """From the index row's own copies (language in lower case): no item row is read."""
        sql, params = self.narrowed(node, conditions)
        return (
            f"SELECT rowid, source_id, language, published_at FROM {TABLE} "  # noqa: S608
            f"WHERE {sql} ORDER BY rowid DESC LIMIT {int(limit)}",
            params,
        )

    def newest_facet_rows(
        self, node, limit: int, conditions=(), *, windowed: bool = True
    ) -> list[tuple]:
        """The newest matches are looked for among the newest `NEWEST_WINDOW` index rows first,
        then (only if fewer than `limit` were there) among the older ones.

        The GIN index hands out every match in table order, and each match's row must be read
        for its rowid before the newest can be sorted out: 24,864 rows (23,617 pages, ~300 ms)
        for "kinh te" at 1M items to keep 1,001. The primary key's range, ANDed with the GIN
        bitmap, leaves the matches of the window only (~1,500 rows there, ~40 ms). A rarer
        query pays one or two more statements: a span sized from the window's share of
        matches, then the rest. rowid is the item's id: the window holds the newest
        collected items wherever their rows lie on disk."""
        sql, params = self.narrowed(node, conditions)
        rows: list[tuple] = []

        def fetch(cursor, above: int | None, at_most: int | None = None) -> None:
            """Add the newest matches with above < rowid <= at_most (None: no bound)."""
            bounds = [f"({sql})"]
            bounds += ["rowid > %s"] if above is not None else []
            bounds += ["rowid <= %s"] if at_most is not None else []
            cursor.execute(
                f"SELECT rowid, source_id, language, published_at FROM {TABLE} "  # noqa: S608
                f"WHERE {' AND '.join(bounds)} ORDER BY rowid DESC "
                f"LIMIT {int(limit - len(rows))}",
                [*params, *(bound for bound in (above, at_most) if bound is not None)],
            )
            rows.extend(cursor.fetchall())

        with connection.cursor() as cursor:
            if not windowed:
                fetch(cursor, None)
                return rows
            cursor.execute(f"SELECT max(rowid) FROM {TABLE}")  # noqa: S608
            border = (cursor.fetchone()[0] or 0) - NEWEST_WINDOW
            fetch(cursor, border)
            if rows and len(rows) < limit and border > 0:
                # Some there: twice the span that many more should need, if that stops short of
                # the oldest rows (`title:` words, filters keep fewer matches per window).
                span = 2 * NEWEST_WINDOW * (limit - len(rows)) // len(rows)
                if span < border:
                    fetch(cursor, border - span, border)
                    border -= span
            if len(rows) < limit and border > 0:
                fetch(cursor, None, border)
            return rows

    def pushdown(self, node) -> tuple[str, list] | None:
        """`date:`, `lang:` and `source:` on the index row's copies (exactly the items
        `selectors._q` keeps); None for anything else."""
        if isinstance(node, DateFilter):
            parts, params = [f"{TABLE}.published_at IS NOT NULL"], []
            if node.start is not None:
                parts.append(f"{TABLE}.published_at >= %s")
                params.append(node.start)
            if node.end is not None:
                parts.append(f"{TABLE}.published_at < %s")
                params.append(node.end)
            return " AND ".join(parts), params
        if isinstance(node, LanguageFilter):
            # The copy is lower case: `lang:vi` keeps "vi" and "vi-VN", as on the items.
            language = node.language.lower()
            prefix = language.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            return (
                f"({TABLE}.language = %s OR {TABLE}.language LIKE %s)",
                [language, f"{prefix}-%"],
            )
        if isinstance(node, SourceFilter):
            ids = source_ids(node.text)
            column = f"{TABLE}.source_id"
            if sum(_source_shares().get(i, 0.0) for i in ids) > SOURCE_INDEX_SHARE:
                # The same test, out of the index's reach: tested on the rows the text selects.
                column = f"({column} + 0)"
            return f"{column} = ANY(%s)", [ids]
        return None


# PostgreSQL: how many of the newest index rows (by rowid) are searched first for the newest
# matches (`newest_facet_rows`); 6% of a 1M index, where a word found in 2% of the items has
# its 1,001 newest matches.
NEWEST_WINDOW = 60_000
# A `source:` filter keeping more than this share of the index rows is not looked up in the
# source index: PostgreSQL would build a bitmap of every row of those sources (36 ms for half of a
# million rows) to save rechecking rows the text has already narrowed to a few thousand.
SOURCE_INDEX_SHARE = 0.1
_SHARES_SECONDS = 300


def _kept(seconds: float):
    """Decorate a function of no argument: its value is read again at most every `seconds`
    (per process); `.forget()` makes the next call read it."""

    def decorate(read):
        state: list = [None, None]  # [read at (monotonic), value]

        @functools.wraps(read)
        def kept():
            if state[0] is None or time.monotonic() - state[0] >= seconds:
                state[1], state[0] = read(), time.monotonic()
            return state[1]

        kept.forget = lambda: state.__setitem__(0, None)
        return kept

    return decorate


@_kept(_SHARES_SECONDS)
def _source_shares() -> dict[int, float]:
    """Share of the index rows per common source, from PostgreSQL's own statistics (what ANALYZE
    last saw; a source not among the common values counts as rare), read every 5 minutes."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_vals::text::bigint[], most_common_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = %s AND attname = 'source_id'",
            [TABLE],
        )
        row = cursor.fetchone()
    return dict(zip(row[0], row[1], strict=True)) if row and row[0] else {}


# SQLite: the index of the items' facet fields (migration 0004).
FACET_INDEX = "search_item_facets"


@_kept(_SHARES_SECONDS)
def _sqlite_facet_index() -> bool:
    """Whether SQLite has the facet index (checked every 5 minutes)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = %s", [FACET_INDEX]
        )
        return cursor.fetchone() is not None


def get_backend(using=None):
    vendor = connection.vendor
    if vendor == "postgresql":
        return PostgresBackend()
    if vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"Search has no backend for {vendor}")
