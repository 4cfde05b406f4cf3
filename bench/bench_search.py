"""Search latency on a large corpus, Lantoa's search beside the bare full-text query.

    make bench BENCH_ARGS=search                       # 1,000,000 items, SQLite and PostgreSQL
    .venv/bin/python -m bench search --items 100000    # quicker
    .venv/bin/python -m bench search --backends sqlite

The corpus is generated deterministically from the real headlines
($LANTOA_DATA_DIR/headlines/headlines_dev.jsonl): each item joins the first half of one title with
the second half of another, and likewise two summaries, over the feeds' real source names and a
year of publication dates. It is built with bulk inserts (COPY on PostgreSQL) and cached: SQLite in
var/bench/search-N.sqlite3, PostgreSQL in the database lantoa_search_bench (or --pg-url).

"Lantoa" = one search as the admin does it: parse the query, `search_newest(q)` (newest collected
first, matches counted up to COUNT_BOUND = 1,000, beyond which the admin says "hơn 1.000"), the
first page of 20 items with their sources. "bare" = plain SQL for the same answer on the index
table alone, for the text part of the query: count(*) over the matches LIMIT 1,001, and the 20
highest rowids (ORDER BY rowid DESC LIMIT 20). Queries with `lang:`, `date:` or `source:` compare
against the bare query of their text part. (`manage.py search --json` and the API still rank and
count every match: `search_items`.)
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

ROOT = Path(__file__).resolve().parent.parent
CORPUS_VERSION = 2
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

    from lantoa.monitoring.search.backends import get_backend, is_positive
    from lantoa.monitoring.search.query import And, parse_query
    from lantoa.monitoring.search.selectors import COUNT_BOUND, search_newest

    backend = get_backend()
    root = parse_query(query).root
    parts = root.children if isinstance(root, And) else (root,)
    text = [p for p in parts if is_positive(p)]
    text_node = text[0] if len(text) == 1 else And(tuple(text))
    count_sql, count_params = backend.count_bounded_sql(text_node, COUNT_BOUND + 1)
    ids_sql, ids_params = backend.ids_sql(text_node)
    # The plain SQL for the same answer: matches counted up to the bound, the 20 newest by rowid.
    top_sql = f"{ids_sql} ORDER BY rowid DESC LIMIT {PAGE}"

    def ours() -> int:
        page = search_newest(query, limit=PAGE)
        [item.source.name for item in page.items]
        return page.count

    def bare() -> int:
        with connection.cursor() as cursor:
            cursor.execute(count_sql, count_params)
            count = cursor.fetchone()[0]
            cursor.execute(top_sql, ids_params)
            cursor.fetchall()
        return count

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


def _ensure_corpus(n: int) -> str:
    from django.conf import settings
    from django.db import connection, transaction

    from lantoa.monitoring.models import Source

    marker = f"bench-corpus:{n}:v{CORPUS_VERSION}"
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
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return "built"


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
    "fetched_at", "title_folded", "title_hash", "html", "author_pseudonym", "processed_at",
)  # fmt: skip
# title_folded, title_hash, html, author_pseudonym: not needed by search.
_PIPELINE_VALUES = ("", "", "", "")


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
    from lantoa.monitoring.search.backends import _tsvector

    indexes = ["title_v", "all_v", "title_fv", "all_fv"]
    now = datetime.now(UTC)
    with connection.cursor() as cursor:
        for column in indexes:
            cursor.execute(f"DROP INDEX IF EXISTS search_item_fts_{column}")
        raw = cursor.cursor  # psycopg 3 cursor, for COPY
        with raw.copy(f"COPY monitoring_item ({', '.join(ITEM_COLUMNS)}) FROM STDIN") as copy:
            for item, _forms in make_rows():
                copy.write_row((*item, now, *_PIPELINE_VALUES, now))
        with raw.copy(
            "COPY search_item_fts (rowid, title_v, all_v, title_fv, all_fv) FROM STDIN"
        ) as copy:
            for item, (title, body, title_f, body_f) in make_rows():
                copy.write_row(
                    (
                        item[0],
                        _tsvector(title),
                        _tsvector(title, "A") + " " + _tsvector(body, "", 1000),
                        _tsvector(title_f),
                        _tsvector(title_f, "A") + " " + _tsvector(body_f, "", 1000),
                    )
                )
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for column in indexes:
            cursor.execute(
                f"CREATE INDEX search_item_fts_{column} ON search_item_fts USING gin ({column})"
            )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('monitoring_item', 'id'), "
            "(SELECT max(id) FROM monitoring_item))"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
