"""Search latency on a large corpus, Lantoa's search beside the bare full-text query.

    make bench BENCH_ARGS=search                       # 1,000,000 items, SQLite and PostgreSQL
    .venv/bin/python -m bench search --items 100000    # quicker
    .venv/bin/python -m bench search --backends sqlite

The corpus is generated deterministically from the real headlines
($LANTOA_DATA_DIR/headlines/headlines_dev.jsonl): each item joins the first half of one title with
the second half of another, and likewise two summaries, over the feeds' real source names and a
year of publication dates. It is built with bulk inserts (COPY on PostgreSQL) and cached: SQLite in
var/bench/search-N.sqlite3, PostgreSQL in the database lantoa_search_bench (or --pg-url).

"Lantoa" = one search as the admin and the API do it: parse the query, `search_newest(q)` (newest
collected first, matches counted up to COUNT_BOUND = 1,000, beyond which the admin says "hơn
1.000"), the first page of 20 items with their sources. "bare" = hand-written SQL for the same
answer: the index joined with the items, the query's `lang:`/`date:`/`source:` filters written
out, count(*) over the matches LIMIT 1,001, and the 20 newest rows with their source
(`_bare_sql`). (`manage.py search --json` and `/api/items?exact=true` rank and count every match.)
Each backend runs in its own process (DATABASE_URL differs), which prints JSON back here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from bench.pgdb import database_ensure

ROOT = Path(__file__).resolve().parent.parent
CORPUS_VERSION = 3
PAGE = 20
QUERIES = [
    "gia lai",
    '"Quy Nhơn"',
    "kinh te",
    'title:"bóng đá"',
    "công an AND NOT tai nạn",
    "thủ tướng OR chủ tịch",
    "viet*",
    '"gia vang" source:vnexpress',
    "du lich lang:vi date:[2026-06-01 TO 2026-06-30]",
    "(hà nội OR tp.hcm) AND mưa",
]


def main(argv: list[str]) -> None:
    args = _parser().parse_args([a for a in argv if a not in ("search", "bench_search")])
    if args.worker:
        _worker(args)
        return
    rows = []
    for backend in args.backends.split(","):
        url = _database_url(backend, args)
        if backend == "postgres":
            database_ensure(url, _marker(args.items))
        command = [sys.executable, "-m", "bench.bench_search", "--worker", *_forward(args)]
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "lantoa.settings"}
        started = time.perf_counter()
        done = subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            print(f"{backend}: failed\n{done.stderr[-3000:]}")
            continue
        report = json.loads(done.stdout.strip().splitlines()[-1])
        report["wall"] = time.perf_counter() - started
        rows.append((backend, report))
    _print(rows, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench_search")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per query")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "LANTOA_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/lantoa_search_bench"
        ),
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser


def _forward(args) -> list[str]:
    return ["--items", str(args.items), "--repeat", str(args.repeat)]


def _database_url(backend: str, args) -> str:
    if backend == "postgres":
        return args.pg_url
    path = ROOT / "var" / "bench" / f"search-{args.items}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _print(rows, args) -> None:
    command = f"make bench BENCH_ARGS='search --items {args.items}'"
    print(f"Search latency, {args.items:,} items, {args.repeat} runs per query. `{command}`")
    for backend, report in rows:
        print(
            f"\n### {backend}: corpus {report['corpus']} "
            f"({report['build_seconds']:.0f} s to build), {report['items']:,} items"
        )
        print(
            "| query | matches | Lantoa p50 ms | Lantoa p95 ms | bare p50 ms | bare p95 ms "
            "| p95 ratio |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        for q in report["queries"]:
            ratio = q["ours_p95"] / q["bare_p95"] if q["bare_p95"] else float("nan")
            print(
                f"| `{q['query']}` | {q['count']:,} | {q['ours_p50']:.1f} | {q['ours_p95']:.1f} "
                f"| {q['bare_p50']:.1f} | {q['bare_p95']:.1f} | {ratio:.2f} |"
            )
        overall = report["overall"]
        print(
            f"| **all queries** | | {overall['ours_p50']:.1f} | {overall['ours_p95']:.1f} "
            f"| {overall['bare_p50']:.1f} | {overall['bare_p95']:.1f} "
            f"| {overall['ours_p95'] / overall['bare_p95']:.2f} |"
        )
        print("Targets: p95 ≤ 100 ms and ≤ 1.5× the bare query.")


# --- worker (runs inside Django with the backend's DATABASE_URL) ---------------------------------


def _worker(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    state = _ensure_corpus(args.items)
    build = time.perf_counter() - started
    queries = [_time_query(q, args.repeat) for q in QUERIES]
    ours = [t for q in queries for t in q.pop("ours")]
    bare = [t for q in queries for t in q.pop("bare")]
    from django.db import connection

    print(
        json.dumps(
            {
                "corpus": state,
                "build_seconds": build,
                "items": _count_items(connection),
                "queries": queries,
                "overall": {
                    "ours_p50": _pct(ours, 50),
                    "ours_p95": _pct(ours, 95),
                    "bare_p50": _pct(bare, 50),
                    "bare_p95": _pct(bare, 95),
                },
            }
        )
    )


def _pct(values: list[float], percentile: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]


def _count_items(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM monitoring_item")
        return cursor.fetchone()[0]


def _time_query(query: str, repeat: int) -> dict:
    from django.db import connection

    from lantoa.monitoring.search.selectors import COUNT_BOUND, search_newest

    count_sql, page_sql, params = _bare_sql(query, COUNT_BOUND + 1)

    def ours() -> int:
        page = search_newest(query, limit=PAGE)
        [item.source.name for item in page.items]
        return page.count

    def bare() -> int:
        with connection.cursor() as cursor:
            cursor.execute(count_sql, params)
            count = cursor.fetchone()[0]
            cursor.execute(page_sql, params)
            cursor.fetchall()
        return min(count, COUNT_BOUND)

    count = ours()  # warm the caches once for both
    bare()
    ours_times, bare_times = [], []
    for _ in range(repeat):
        # Alternate so that neither side always runs on the warmer cache.
        for function, times in ((bare, bare_times), (ours, ours_times)):
            start = time.perf_counter()
            function()
            times.append((time.perf_counter() - start) * 1000)
    return {
        "query": query,
        "count": count,
        "ours": ours_times,
        "bare": bare_times,
        "ours_p50": _pct(ours_times, 50),
        "ours_p95": _pct(ours_times, 95),
        "bare_p50": _pct(bare_times, 50),
        "bare_p95": _pct(bare_times, 95),
    }


def _bare_sql(query: str, bound: int) -> tuple[str, str, list]:
    """Hand-written SQL for the answer `search_newest` gives: the matches counted up to `bound`
    and the 20 newest with their source. The full-text part is our backend's compiled
    expression (so both look up the same index terms); the filters are written out here, on the
    index table's own copies on PostgreSQL, on the items on SQLite (FTS5 keeps none)."""
    from django.db import connection

    from lantoa.monitoring.search.backends import get_backend
    from lantoa.monitoring.search.nodes import DateFilter, LanguageFilter, SourceFilter
    from lantoa.monitoring.search.query import parse_query
    from lantoa.monitoring.search.selectors import _split

    backend = get_backend()
    text, rest = _split(parse_query(query).root)
    condition, params = backend.match(text)
    where = [condition]
    if backend.vendor == "sqlite":
        filtered, newest = "i", "search_item_fts.rowid"  # FTS5 hands out rowids newest last
    else:
        filtered, newest = "search_item_fts", "i.id"
    adapt = connection.ops.adapt_datetimefield_value
    for node in rest:
        if isinstance(node, LanguageFilter):
            where.append(f"{filtered}.language = %s")
            params.append(node.language)
        elif isinstance(node, DateFilter):
            where.append(f"{filtered}.published_at >= %s AND {filtered}.published_at < %s")
            params += [adapt(node.start), adapt(node.end)]
        elif isinstance(node, SourceFilter):
            where.append(
                f"{filtered}.source_id IN "
                "(SELECT id FROM monitoring_source WHERE lower(name) LIKE %s)"
            )
            params.append(f"%{node.text.lower()}%")
        else:
            raise SystemExit(f"the bench has no bare SQL for {node!r}")
    condition = " AND ".join(where)
    item = "JOIN monitoring_item i ON i.id = search_item_fts.rowid"
    # The index alone counts its matches unless a filter needs the items.
    counted = f"FROM search_item_fts {item if rest and filtered == 'i' else ''}"
    count_sql = f"SELECT count(*) FROM (SELECT 1 {counted} WHERE {condition} LIMIT {bound}) m"
    page_sql = (
        f"SELECT i.*, s.* FROM search_item_fts {item} "
        f"JOIN monitoring_source s ON s.id = i.source_id "
        f"WHERE {condition} ORDER BY {newest} DESC LIMIT {PAGE}"
    )
    return count_sql, page_sql, params


def _ensure_corpus(n: int) -> str:
    from django.conf import settings
    from django.db import connection, transaction

    from lantoa.monitoring.models import Source

    marker = _marker(n)
    if Source.objects.filter(name=marker).exists() and _count_items(connection) == n:
        return "cached"
    headlines_path = Path(settings.DATA_DIR) / "headlines" / "headlines_dev.jsonl"
    if not headlines_path.exists():
        raise SystemExit(f"{headlines_path} is missing: set LANTOA_DATA_DIR")
    headlines = [json.loads(line) for line in headlines_path.open(encoding="utf-8")]
    with transaction.atomic():
        _clear(connection)
        source_ids = _create_sources(headlines)
        Source.objects.create(name=marker, kind="manual", outlet_type="blog", is_active=False)
    if connection.vendor == "postgresql":
        _load_postgres(connection, lambda: _generate(headlines, source_ids, n))
    else:
        with transaction.atomic():
            _load_sqlite(connection, _generate(headlines, source_ids, n))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return "built"


def _marker(n: int) -> str:
    return f"bench-corpus:{n}:v{CORPUS_VERSION}"


def _clear(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE search_item_fts, monitoring_item CASCADE")
        else:
            cursor.execute("DELETE FROM search_item_fts")
            cursor.execute("DELETE FROM monitoring_item")
        cursor.execute("DELETE FROM monitoring_source")


def _create_sources(headlines) -> dict[str, int]:
    from lantoa.monitoring.models import Source

    ids = {}
    for name in sorted({h["source"] for h in headlines}):
        ids[name] = Source.objects.create(
            name=name, kind="feed", outlet_type="domestic_press", url="http://127.0.0.1/"
        ).id
    return ids


@cache
def _tokens(piece: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from lantoa.monitoring.search.tokens import exact_tokens, folded_tokens

    return tuple(exact_tokens(piece)), tuple(folded_tokens(piece))


def _halves(text: str) -> tuple[str, str]:
    words = (text or "").split()
    middle = len(words) // 2
    return " ".join(words[:middle]), " ".join(words[middle:])


def _generate(headlines, source_ids, n: int):
    """Yield (item row, exact/folded tokens of title and body) for n deterministic items."""
    from lantoa.core.text import nfc

    rng = random.Random(20260817)
    titles = [_halves(nfc(h["title"])) for h in headlines]
    summaries = [_halves(nfc(h.get("summary") or "")) for h in headlines]
    sources = [source_ids[h["source"]] for h in headlines]
    start = datetime(2025, 9, 1, tzinfo=UTC)
    count = len(headlines)
    for index in range(1, n + 1):
        a, b, c, d = (rng.randrange(count) for _ in range(4))
        title_pieces = (titles[a][0], titles[b][1])
        summary_pieces = (summaries[c][0], summaries[d][1])
        title = " ".join(p for p in title_pieces if p)
        summary = " ".join(p for p in summary_pieces if p)
        published = start + timedelta(seconds=rng.randrange(365 * 86400))
        # Body = summary + "\n" + text, text empty: tokens are the pieces' tokens in order.
        exact_title, folded_title, exact_body, folded_body = [], [], [], []
        for piece in title_pieces:
            exact, folded = _tokens(piece)
            exact_title.extend(exact)
            folded_title.extend(folded)
        for piece in summary_pieces:
            exact, folded = _tokens(piece)
            exact_body.extend(exact)
            folded_body.extend(folded)
        url = f"http://127.0.0.1/bench/{index}"
        yield (
            (index, sources[a], url, f"{index:064x}", title, summary, "", "vi", published),
            (exact_title, exact_body, folded_title, folded_body),
        )


ITEM_COLUMNS = (
    "id", "source_id", "url", "url_hash", "title", "summary", "text", "language", "published_at",
    "fetched_at", "title_folded", "title_hash", "html", "author_pseudonym",
    "original_url_sealed", "processed_at",
)  # fmt: skip
# title_folded, title_hash, html, author_pseudonym, original_url_sealed: not needed by search.
_PIPELINE_VALUES = ("", "", "", "", "")


def _load_sqlite(connection, rows, batch: int = 20_000) -> None:
    adapt = connection.ops.adapt_datetimefield_value
    now = adapt(datetime.now(UTC))
    item_sql = (
        f"INSERT INTO monitoring_item ({', '.join(ITEM_COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(ITEM_COLUMNS))})"
    )
    index_sql = (
        "INSERT INTO search_item_fts (rowid, title, body, title_f, body_f) "
        "VALUES (%s, %s, %s, %s, %s)"
    )
    items, entries = [], []
    with connection.cursor() as cursor:
        for item, (title, body, title_f, body_f) in rows:
            items.append((*item[:8], adapt(item[8]), now, *_PIPELINE_VALUES, now))
            entries.append(
                (item[0], " ".join(title), " ".join(body), " ".join(title_f), " ".join(body_f))
            )
            if len(items) >= batch:
                cursor.executemany(item_sql, items)
                cursor.executemany(index_sql, entries)
                items, entries = [], []
        if items:
            cursor.executemany(item_sql, items)
            cursor.executemany(index_sql, entries)
        cursor.execute("INSERT INTO search_item_fts (search_item_fts) VALUES ('optimize')")


def _load_postgres(connection, make_rows) -> None:
    """COPY the items, then their index rows (generating twice costs less than holding 1M)."""
    from lantoa.monitoring.search.backends import PG_COLUMNS, tsvectors

    indexes = {name: "gin" for name in ("title_v", "all_v", "title_fv", "all_fv")}
    indexes |= {"published_at": "btree", "source_id": "btree"}
    now = datetime.now(UTC)
    with connection.cursor() as cursor:
        for column in indexes:
            cursor.execute(f"DROP INDEX IF EXISTS search_item_fts_{column}")
        raw = cursor.cursor  # psycopg 3 cursor, for COPY
        with raw.copy(f"COPY monitoring_item ({', '.join(ITEM_COLUMNS)}) FROM STDIN") as copy:
            for item, _forms in make_rows():
                copy.write_row((*item, now, *_PIPELINE_VALUES, now))
        with raw.copy(f"COPY search_item_fts ({', '.join(PG_COLUMNS)}) FROM STDIN") as copy:
            for item, (title, body, title_f, body_f) in make_rows():
                forms = {"title": title, "body": body, "title_f": title_f, "body_f": body_f}
                # item = (id, source_id, url, url_hash, title, summary, text, language, published)
                copy.write_row((item[0], *tsvectors(forms), item[8], item[7], item[1]))
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for column, method in indexes.items():
            name = f"search_item_fts_{column}"
            cursor.execute(f"CREATE INDEX {name} ON search_item_fts USING {method} ({column})")
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('monitoring_item', 'id'), "
            "(SELECT max(id) FROM monitoring_item))"
        )
        # A database that has run for a while has been vacuumed (visibility map set, so that
        # index-only scans stay index-only); a freshly COPYed one has not.
        cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main(sys.argv[1:])
