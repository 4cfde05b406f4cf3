"""Reads: search items with the query language, highlight matches, count facets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property, lru_cache
from operator import itemgetter

from django.db import connection, connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lantoa.core.text import nfc
from lantoa.monitoring.models import Item, Source

from . import newest_cache
from .backends import TABLE, get_backend, is_positive
from .query import (
    And,
    DateFilter,
    LanguageFilter,
    Not,
    Or,
    ParsedQuery,
    QueryError,
    SourceFilter,
    Term,
    parse_query,
)
from .sources import source_ids
from .tokens import TOKEN_PATTERN, fold_token

__all__ = [
    "QueryError",
    "SearchPage",
    "highlight",
    "matching_ids",
    "parse_query",
    "search_facets",
    "search_items",
    "search_newest",
    "standing_query",
]

# Beyond this many matches the admin says "more than N" instead of counting every match.
COUNT_BOUND = 1_000
# "Most relevant" ranks the newest matches only, at most this many.
RELEVANCE_CANDIDATES = 1_000
# What the facets group by.
FACET_FIELDS = ("source_id", "language", "published_at")


@dataclass
class SearchPage:
    """One page of results. `count` is exact unless `count_capped`: then more than `count` match."""

    items: list[Item]
    count: int
    count_capped: bool
    offset: int
    limit: int
    # The newest matches, newest first: `facet_scope` is made of their ids, fetched with the
    # count (`with_facets`) or on first use (an API page shows no facets).
    _ordered: QuerySet[Item] = field(repr=False)
    # (id, source_id, language, published_at) of the newest matches, when fetched with the count.
    _newest_rows: list[tuple] | None = field(default=None, repr=False)

    @property
    def has_next(self) -> bool:
        return self.count_capped or self.offset + self.limit < self.count

    @cached_property
    def _facet_rows(self) -> list[tuple]:
        """(id, *FACET_FIELDS) of the matches the facets describe: every match when they were
        counted exactly, else the newest `count` (grouping hundreds of thousands of matches per
        page view is the slow part)."""
        if self._newest_rows is not None:
            return self._newest_rows[: self.count]
        return list(self._ordered.values_list("id", *FACET_FIELDS)[: self.count])

    @property
    def facet_scope(self) -> QuerySet[Item]:
        return Item.objects.filter(id__in=[row[0] for row in self._facet_rows])

    def facets(self, *, days: int = 31) -> dict[str, list[dict]]:
        """`search_facets` of `facet_scope`, counted from rows already fetched."""
        return _facet_counts([row[1:] for row in self._facet_rows], days=days)


def search_newest(
    query: str | ParsedQuery,
    *,
    offset: int = 0,
    limit: int = 20,
    order: str = "newest",
    count_bound: int = COUNT_BOUND,
    with_facets: bool = False,
) -> SearchPage:
    """A page of results (a blank query: every item), newest collected first (item id order),
    without ranking or counting every match: the index yields matches from the newest back and
    the database stops at the page. Matches are counted up to `count_bound`; beyond,
    `count_capped` says "more than". `order="relevance"` ranks (bm25 / ts_rank) the newest
    `RELEVANCE_CANDIDATES` matches only. `with_facets`: the page will show `facet_scope`, so the
    newest matches are fetched at once and counted from there (one query instead of two).
    Raises QueryError.
    """
    if isinstance(query, str) and not query.strip():
        text, rest = None, []
    else:
        parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
        text, rest = _split(parsed.root)
    backend = get_backend()
    filtered, pushed = Item.objects.all(), []
    for node in rest:
        # A filter the index has a copy of is tested there (PostgreSQL), others on the items.
        condition = backend.pushdown(node) if text is not None else None
        if condition is None:
            filtered = filtered.filter(_q(node, backend))
        else:
            pushed.append(condition)
    if text is None:
        ordered = filtered.order_by("-id")
    elif len(pushed) < len(rest):
        ordered = backend.newest(filtered, text, pushed)
    else:  # the index alone can tell the newest matches: their items are fetched by key
        ordered = None

    def newest(limit: int) -> QuerySet[Item]:
        """The newest matches, newest first, of which the caller takes at most `limit`."""
        if ordered is not None:
            return ordered
        sql, params = backend.newest_ids_sql(text, limit, pushed)
        return Item.objects.filter(id__in=RawSQL(sql, params)).order_by("-id")  # noqa: S611

    newest_rows = None
    if with_facets and ordered is None:
        # The index alone knows the matches; their facet fields come from the engine's copies
        # (PostgreSQL's index row, SQLite's facet index), not from the item rows.
        # A date filter picks its own span of time: the newest index rows first would not help.
        # Kept per process while the index is unchanged (`newest_cache`).
        newest_rows = newest_cache.newest_rows(
            backend,
            text,
            count_bound + 1,
            pushed,
            windowed=not any(isinstance(node, DateFilter) for node in rest),
        )
        count = len(newest_rows)
    elif with_facets:
        newest_rows = _raw_rows(
            newest(count_bound + 1).values_list("id", *FACET_FIELDS)[: count_bound + 1]
        )
        count = len(newest_rows)
    elif ordered is not None:
        # Counting up to the bound needs no order: the database picks its cheapest way to the
        # first matches (with a filter, walking the newest first could read most of the table).
        count = len(ordered.order_by().values_list("id", flat=True)[: count_bound + 1])
    else:  # the index alone knows
        sql, params = backend.count_bounded_sql(text, count_bound + 1, pushed)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            count = cursor.fetchone()[0]
    capped = count > count_bound
    count = min(count, count_bound)
    if order == "relevance" and text is not None:
        candidates = (
            [row[0] for row in newest_rows[:RELEVANCE_CANDIDATES]]
            if newest_rows is not None and count_bound >= RELEVANCE_CANDIDATES
            else list(
                newest(RELEVANCE_CANDIDATES).values_list("id", flat=True)[:RELEVANCE_CANDIDATES]
            )
        )
        page_query = backend.ranked(Item.objects.filter(id__in=candidates), text)
        items = list(page_query.select_related("source")[offset : offset + limit])
    elif newest_rows is not None and (offset + limit <= len(newest_rows) or not capped):
        # The page is among the rows just fetched: its items are loaded by key.
        page_ids = [row[0] for row in newest_rows[offset : offset + limit]]
        by_id = Item.objects.select_related("source").in_bulk(page_ids)
        items = [by_id[item_id] for item_id in page_ids if item_id in by_id]
    else:
        items = list(newest(offset + limit).select_related("source")[offset : offset + limit])
    return SearchPage(
        items=items,
        count=count,
        count_capped=capped,
        offset=offset,
        limit=limit,
        _ordered=newest(count_bound),
        _newest_rows=newest_rows,
    )


def _raw_rows(queryset: QuerySet) -> list[tuple]:
    """The rows of a `values_list` queryset as the database driver hands them out, without
    Django's converters: on SQLite, making 1,001 publication times time-zone aware one by one
    was a third of the facets' rows' time. The facets read times as UTC, aware or not
    (`_local_days`)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _split(root) -> tuple[object | None, list]:
    """(the full-text part of the query, or None; the other conjuncts: filters)."""
    conjuncts = root.children if isinstance(root, And) else (root,)
    positives = [c for c in conjuncts if is_positive(c)]
    if not positives:
        return None, [root]
    negatives = [c for c in conjuncts if isinstance(c, Not) and is_positive(c.child)]
    rest = [c for c in conjuncts if c not in positives and c not in negatives]
    text = positives[0] if len(positives) == 1 and not negatives else And((*positives, *negatives))
    return text, rest


def search_items(query: str | ParsedQuery, *, queryset: QuerySet | None = None) -> QuerySet[Item]:
    """Items matching `query`, best match first then newest (newest first when the query has no
    words, e.g. only `lang:vi`). A blank query returns every item, newest first.

    Raises QueryError (Vietnamese message, position) when the query is invalid. Each result of a
    ranked search carries `search_rank` (lower is better).
    """
    queryset = Item.objects.all() if queryset is None else queryset
    if isinstance(query, str) and not query.strip():
        return queryset.order_by("-published_at", "-id")
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    backend = get_backend()
    root = parsed.root
    conjuncts = root.children if isinstance(root, And) else (root,)
    positives = [c for c in conjuncts if is_positive(c)]
    if not positives:
        return queryset.filter(_q(root, backend)).order_by("-published_at", "-id")
    negatives = [c for c in conjuncts if isinstance(c, Not) and is_positive(c.child)]
    rest = [c for c in conjuncts if c not in positives and c not in negatives]
    text = positives[0] if len(positives) == 1 and not negatives else And((*positives, *negatives))
    ranked = backend.ranked(queryset, text)
    for node in rest:
        ranked = ranked.filter(_q(node, backend))
    if not rest and not queryset.query.where:
        # Nothing but full text: the index alone can count the matches (no join per match).
        ranked = SearchQuerySet(model=ranked.model, query=ranked.query, using=ranked.db)
        ranked.query.search_count_sql = (*backend.count_sql(text), len(ranked.query.where.children))
    return ranked


class SearchQuerySet(QuerySet):
    """Results of a plain full-text search. `count()` counts index rows instead of joining every
    match with its item, as long as the queryset has not been filtered further since.

    The index holds one row per existing item (items_index removes rows of deleted items), so the
    two counts agree; a later `.filter()` or slice falls back to Django's own count.
    """

    def count(self) -> int:
        fast = getattr(self.query, "search_count_sql", None)
        if (
            fast is None
            or self._result_cache is not None
            or len(self.query.where.children) != fast[2]
            or self.query.low_mark
            or self.query.high_mark is not None
            or self.query.combinator
        ):
            return super().count()
        with connections[self.db].cursor() as cursor:
            cursor.execute(fast[0], fast[1])
            return cursor.fetchone()[0]


def matching_ids(query: str | ParsedQuery, ids: Iterable[int]) -> set[int]:
    """The ids among `ids` that `query` matches: the items that `search_items(query,
    queryset=Item.objects.filter(id__in=ids))` returns, unranked.

    For a standing query (a watchlist's, a topic's) tested on a new batch: the index reads the
    query's words only between the smallest and the largest of `ids` (a rowid range, which FTS5
    and PostgreSQL's primary key seek to), so a batch costs what the batch holds, not what the
    index has gathered. On SQLite with 400,000 items, three phrases each in 30 % of them: 2 s a
    query ranked with `search_items`, 0.2 s unranked, 2–6 ms within the batch's range."""
    ids = list(ids)
    if not ids:
        return set()
    if isinstance(query, str) and not query.strip():
        return set(Item.objects.filter(id__in=ids).order_by().values_list("id", flat=True))
    parsed = query if isinstance(query, ParsedQuery) else standing_query(query)
    backend = get_backend()
    within = ((f"{TABLE}.rowid BETWEEN %s AND %s", [min(ids), max(ids)]),)
    if is_positive(parsed.root):
        # Text alone (every shipped watchlist and topic): the index's rows in the range, kept
        # when they are the batch's. Through the ORM (`Item.objects.filter(id__in=ids)`
        # around the same SQL) a query of a 200-item batch cost 3.6 ms, now 1.2 (the SQL 0.7-1).
        sql, params = backend.ids_sql(parsed.root, within)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0] for row in cursor.fetchall()}.intersection(ids)
    condition = _q(parsed.root, backend, within)
    return set(Item.objects.filter(condition, id__in=ids).order_by().values_list("id", flat=True))


def standing_query(text: str) -> ParsedQuery:
    """`parse_query` for a query that is asked again and again (a watchlist's, a topic's): parsed
    once per worker and time zone. Every batch tests each of them; parsing one took 0.5 ms."""
    return _parsed(text, timezone.get_current_timezone_name())


@lru_cache(maxsize=256)
def _parsed(text: str, zone: str) -> ParsedQuery:
    return parse_query(text)  # `zone` is in the key: date: bounds are made aware in it


def _q(node, backend, within=()) -> Q:
    """`node` as a condition on items; `within`: conditions on the index row that the text
    matches must also meet (`matching_ids`). Text alone (`is_positive`: words, phrases, their
    AND, OR and AND NOT) is one query of the index, however many terms it holds."""
    if is_positive(node):
        sql, params = backend.ids_sql(node, within)
        return Q(id__in=RawSQL(sql, params))  # noqa: S611 - user text only in params
    if isinstance(node, And | Or):
        combined = None
        for child in node.children:
            part = _q(child, backend, within)
            if combined is None:
                combined = part
            else:
                combined = combined & part if isinstance(node, And) else combined | part
        return combined
    if isinstance(node, Not):
        return ~_q(node.child, backend, within)
    if isinstance(node, SourceFilter):
        return Q(source_id__in=source_ids(node.text))
    if isinstance(node, LanguageFilter):
        return Q(language__iexact=node.language) | Q(language__istartswith=f"{node.language}-")
    if isinstance(node, DateFilter):
        q = Q(published_at__isnull=False)
        if node.start is not None:
            q &= Q(published_at__gte=node.start)
        if node.end is not None:
            q &= Q(published_at__lt=node.end)
        return q
    raise TypeError(f"Cannot compile {node!r}")  # every node kind is handled above


def search_facets(queryset: QuerySet[Item], *, days: int = 31) -> dict[str, list[dict]]:
    """Counts of the results by source, language and publication day (local time, latest `days`
    days), for a bounded set such as a page's `facet_scope` (at most `COUNT_BOUND` items): one
    query reads the few fields, the counting is done here (three GROUP BYs cost more)."""
    return _facet_counts(queryset.order_by().values_list(*FACET_FIELDS), days=days)


def _facet_counts(rows, *, days: int) -> dict[str, list[dict]]:
    """Counted in Python from (source_id, language, published_at) rows. Languages are counted in
    lower case: `lang:en` keeps "EN" and "en" alike, and PostgreSQL's index copies are lower
    case. Local days come from `_local_days` (a zone conversion per row was most of the facets'
    time)."""
    rows = list(rows)
    sources = Counter(map(itemgetter(0), rows))
    languages: Counter = Counter()
    for language, n in Counter(map(itemgetter(1), rows)).items():
        languages[(language or "").lower()] += n
    by_day = _local_days(
        (stamp for stamp in map(itemgetter(2), rows) if stamp is not None),
        timezone.get_current_timezone(),
    )
    names = dict(Source.objects.filter(id__in=list(sources)).values_list("id", "name"))
    # Most frequent first; ties by name, so that the order never depends on the rows' order.
    return {
        "source": [
            {"value": source_id, "label": names.get(source_id, ""), "count": sources[source_id]}
            for source_id in sorted(sources, key=lambda i: (-sources[i], names.get(i, ""), i))
        ],
        "language": [
            {"value": language, "label": language or "?", "count": languages[language]}
            for language in sorted(languages, key=lambda code: (-languages[code], code))
        ],
        "day": [
            {"value": day, "label": day, "count": by_day[day]}
            for day in sorted(by_day, reverse=True)[:days]
        ],
    }


def _local_days(stamps: Iterable[datetime], zone) -> Counter:
    """How many of `stamps` (UTC: aware, or naive as SQLite reads them) fall on each local
    calendar day of `zone`.

    The zone's offset is looked up once per UTC day (`_steady_offset`): when it is the same at
    both ends of that day (no daylight-saving change inside it), a stamp's local day is plain
    arithmetic on its time of day; only on a day when the offset changes is each stamp
    converted."""
    days: Counter = Counter()
    for stamp in stamps:
        if isinstance(stamp, str):  # SQLite's text, when its reader did not convert it
            stamp = datetime.fromisoformat(stamp)
        if stamp.tzinfo is not None and stamp.tzinfo is not UTC and stamp.utcoffset():
            stamp = stamp.astimezone(UTC)
        ordinal = stamp.toordinal()
        offset = _steady_offset(ordinal, zone)
        if offset is None:
            days[stamp.replace(tzinfo=UTC).astimezone(zone).toordinal()] += 1
        else:
            seconds = stamp.hour * 3600 + stamp.minute * 60 + stamp.second + offset
            days[ordinal + seconds // 86400] += 1
    return Counter({date.fromordinal(day): n for day, n in days.items()})


@lru_cache(maxsize=8192)
def _steady_offset(ordinal: int, zone) -> int | None:
    """The offset of `zone` from UTC in seconds throughout the UTC day `ordinal`, or None when
    it changes during that day. Kept per process: a page's matches span the same days again and
    again (a year of days is 366 entries)."""
    start = datetime.fromordinal(ordinal).replace(tzinfo=UTC)
    first = start.astimezone(zone).utcoffset()
    last = (start + timedelta(days=1, microseconds=-1)).astimezone(zone).utcoffset()
    return int(first.total_seconds()) if first == last else None


# --- Highlighting -------------------------------------------------------------------------------


def highlight(
    text: str, query: str | ParsedQuery, *, snippet: int | None = None, tag: str = "mark"
) -> SafeString:
    """`text`, HTML-escaped, with the words that the query matched wrapped in `<mark>`.

    With `snippet=N`, only about N characters around the first match are kept (with "…").
    An invalid query highlights nothing.
    """
    text = nfc(text or "")
    try:
        parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    except QueryError:
        parsed = None
    spans = _match_spans(text, parsed.terms()) if parsed else []
    start, end = 0, len(text)
    if snippet and len(text) > snippet:
        first = spans[0][0] if spans else 0
        start = max(0, first - snippet // 3)
        end = min(len(text), start + snippet)
        # Do not cut words in half.
        if start > 0:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > (spans[0][1] if spans else start) else end
    parts = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<{tag}>{escape(text[span_start:span_end])}</{tag}>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    parts.append("…" if end < len(text) else "")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def _match_spans(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN_PATTERN.finditer(text.casefold())]
    if not tokens or not terms:
        return []
    exact_forms = [t[2] for t in tokens]
    # Folded only when a term was typed without diacritics.
    folded_forms = (
        [fold_token(t) for t in exact_forms] if any(not t.exact for t in terms) else exact_forms
    )
    # casefold() can change string lengths (rarely: ß → ss); map spans back on the original text.
    if len(text.casefold()) != len(text):
        tokens = [(m.start(), m.end(), m.group()) for m in TOKEN_PATTERN.finditer(text)]
        if len(tokens) != len(exact_forms):
            return []
    marked: set[int] = set()
    for term in terms:
        forms = exact_forms if term.exact else folded_forms
        size = len(term.tokens)
        for index in range(len(forms) - size + 1):
            window = forms[index : index + size]
            if window[:-1] != list(term.tokens[:-1]):
                continue
            last = window[-1]
            if last == term.tokens[-1] or (term.prefix and last.startswith(term.tokens[-1])):
                marked.update(range(index, index + size))
    spans: list[tuple[int, int]] = []
    for index in sorted(marked):
        start, end, _ = tokens[index]
        if spans and index - 1 in marked and _only_space(text, spans[-1][1], start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


_SPACE = re.compile(r"\s*")


def _only_space(text: str, start: int, end: int) -> bool:
    return bool(_SPACE.fullmatch(text[start:end]))
