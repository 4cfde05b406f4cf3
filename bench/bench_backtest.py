"""Backtest latency ("Thử trên 90 ngày") on a large corpus, beside the search page's query and the
bare SQL of the same answer.

    make bench BENCH_ARGS=backtest                        # 1,000,000 items, SQLite and PostgreSQL
    .venv/bin/python -m bench backtest --items 100000     # quicker
    .venv/bin/python -m bench backtest --backends sqlite

The corpus is bench_search's (real headlines recombined over a year of dates, cached in
var/bench/search-N.sqlite3; on PostgreSQL in its own database lantoa_backtest_bench, or --pg-url,
so that it never replaces the search bench's corpus). The window is the 90 days before the
corpus's last day, about a quarter of the items.

"backtest" = `services.backtests.backtest_run` as the admin runs it: parse, daily counts and a
random sample of 20 of the query's matches, the same for what the relaxed variant adds, the rows
stored (rolled back after each run). "search page" = `search_newest(q)`, the search page's first
page with its bounded count. "bare" = hand-written SQL for the backtest's answer: for the query and
for the relaxed extras, matches in the window grouped by local day, and 20 random ids.
Each backend runs in its own process (DATABASE_URL differs), which prints JSON back here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.bench_search import _count_items, _ensure_corpus, _marker, _pct
from bench.pgdb import database_ensure

ROOT = Path(__file__).resolve().parent.parent
# The corpus spans a year from 2025-09-01 (bench_search._generate).
WINDOW_END = datetime(2026, 9, 1, tzinfo=UTC)
QUERIES = [
    '"Quy Nhơn"',
    "gia lai",
    "kinh te",
    "công an AND NOT tai nạn",
    "thủ tướng OR chủ tịch",
    "(hà nội OR tp.hcm) AND mưa",
]
ALIASES = {'"Quy Nhơn"': "Qui Nhơn\nQuy Nhon\n归仁"}


def main(argv: list[str]) -> None:
    args = _parser().parse_args([a for a in argv if a not in ("backtest", "bench_backtest")])
    if args.worker:
        _worker(args)
        return
    rows = []
    for backend in args.backends.split(","):
        url = _database_url(backend, args)
        if backend == "postgres":
            database_ensure(url, _marker(args.items))
        command = [sys.executable, "-m", "bench.bench_backtest", "--worker", *_forward(args)]
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "lantoa.settings"}
        done = subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            print(f"{backend}: failed\n{done.stderr[-3000:]}")
            continue
        rows.append((backend, json.loads(done.stdout.strip().splitlines()[-1])))
    _print(rows, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench_backtest")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "LANTOA_BENCH_BACKTEST_PG_URL",
            "postgres://postgres@127.0.0.1:5432/lantoa_backtest_bench",
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
    command = f"make bench BENCH_ARGS='backtest --items {args.items}'"
    print(
        f"Backtest latency, {args.items:,} items, 90-day window, {args.repeat} runs per query. "
        f"`{command}`  (load: {os.getloadavg()[0]:.1f})"
    )
    for backend, report in rows:
        print(
            f"\n### {backend}: corpus {report['corpus']} ({report['build_seconds']:.0f} s), "
            f"{report['items']:,} items, {report['window_items']:,} in the window"
        )
        print(
            "| query | matches | relaxed adds | backtest p50 ms | backtest max ms "
            "| search page p50 ms | bare p50 ms | backtest / bare |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for q in report["queries"]:
            ratio = q["ours_p50"] / q["bare_p50"] if q["bare_p50"] else float("nan")
            print(
                f"| `{q['query']}` | {q['count']:,} | {q['extra']:,} | {q['ours_p50']:.0f} "
                f"| {q['ours_max']:.0f} | {q['page_p50']:.0f} | {q['bare_p50']:.0f} "
                f"| {ratio:.2f} |"
            )
        print("Target: every backtest within 2,000 ms (max column).")


# --- worker (runs inside Django with the backend's DATABASE_URL) ---------------------------------


def _worker(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    state = _ensure_corpus(args.items)
    build = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM monitoring_item WHERE published_at >= %s AND published_at < %s",
            [WINDOW_END - timedelta(days=90), WINDOW_END],
        )
        window_items = cursor.fetchone()[0]
    report = {
        "corpus": state,
        "build_seconds": build,
        "items": _count_items(connection),
        "window_items": window_items,
        "queries": [_time_query(q, args.repeat) for q in QUERIES],
    }
    print(json.dumps(report))


def _time_query(query: str, repeat: int) -> dict:
    from django.db import transaction

    from lantoa.insights.selectors.backtests import watchlist_backtest_queries
    from lantoa.insights.services.backtests import backtest_run
    from lantoa.monitoring.search.selectors import search_newest

    queries = watchlist_backtest_queries(query=query, aliases=ALIASES.get(query, ""))
    bare_sql = _bare_sql(queries)
    result = {}

    def ours() -> None:
        with transaction.atomic():
            backtest = backtest_run(queries=queries, user=None, now=WINDOW_END)
            result.update(count=backtest.match_count, extra=backtest.relaxed_extra_count)
            transaction.set_rollback(True)

    def page() -> None:
        search_newest(queries.strict, limit=20)

    def bare() -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            for sql, params in bare_sql:
                cursor.execute(sql, params)
                cursor.fetchall()

    for function in (ours, page, bare):  # warm the caches once for each
        function()
    times: dict[str, list[float]] = {"ours": [], "page": [], "bare": []}
    for _ in range(repeat):
        for name, function in (("bare", bare), ("ours", ours), ("page", page)):
            start = time.perf_counter()
            function()
            times[name].append((time.perf_counter() - start) * 1000)
    return {
        "query": query,
        **result,
        "ours_p50": _pct(times["ours"], 50),
        "ours_max": max(times["ours"]),
        "page_p50": _pct(times["page"], 50),
        "bare_p50": _pct(times["bare"], 50),
    }


def _bare_sql(queries) -> list[tuple[str, list]]:
    """Per local day counts and 20 random ids of the matches in the window, for the query and for
    the relaxed extras, written by hand (the bench's queries are text only, no filters)."""
    from django.db import connection

    from lantoa.monitoring.search.backends import get_backend

    backend = get_backend()
    adapt = connection.ops.adapt_datetimefield_value
    window = [adapt(WINDOW_END - timedelta(days=90)), adapt(WINDOW_END)]
    statements = []
    for node in (queries.strict.root, queries.relaxed_extra):
        match, params = backend.match(node)
        if backend.vendor == "sqlite":
            rows = (
                "FROM search_item_fts JOIN monitoring_item i ON i.id = search_item_fts.rowid "
                f"WHERE ({match}) AND i.published_at >= %s AND i.published_at < %s"
            )
            day = "date(i.published_at, '+25200 seconds')"
        else:
            rows = (
                f"FROM search_item_fts WHERE ({match}) AND published_at >= %s AND published_at < %s"
            )
            day = "(published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
        statements.append((f"SELECT {day}, count(*) {rows} GROUP BY 1", [*params, *window]))
        statements.append(
            (f"SELECT search_item_fts.rowid {rows} ORDER BY random() LIMIT 20", [*params, *window])
        )
    return statements


if __name__ == "__main__":
    main(sys.argv[1:])
