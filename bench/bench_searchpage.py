"""The admin search page at scale, request by request in one process, split into where its time
goes, beside a plain Django view.

    .venv/bin/python -m bench searchpage                 # PostgreSQL's lantoa_load_bench (1M)
    .venv/bin/python -m bench searchpage --db sqlite     # var/bench/load-1000000.sqlite3
    .venv/bin/python -m bench searchpage --db sqlite --items 100000 --rounds 5
    .venv/bin/python -m bench searchpage --profile "kinh te"   # cProfile of one page

Reads the load benchmark's corpus (bench/load_corpus.py; build it with `python -m bench load`)
through Django's test client logged in as the demo's monitoring officer, so the figures are the
server's own time for one request, without HTTP or queueing. For each query (the search
benchmark's ten, plus common and rare words in Vietnamese with and without diacritics and in the
other languages), rounds alternate the page with the baseline (`/api/health`, a view with no
query), so a loaded machine slows both alike: read the ratio column. Per page: the SQL statements
and their time (Django's execute wrapper), the time spent highlighting titles and snippets, and
the rest (the view's Python, the template, the admin frame).

Variants (`_variants`): the page without the newest-matches cache, cold (cache emptied), warm, and
after new items (the cache a few hundred rows behind). A corpus built before migration
search.0005 works too: the cache's generation tables are TEMP tables of the benchmark's
connection.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from bench.load_corpus import database_url

ROOT = Path(__file__).resolve().parent.parent
EXTRA_QUERIES = [
    "kinh tế",  # common, with diacritics (exact forms)
    "kinh te",  # common, folded
    "việt nam",
    "ha noi",
    "quy nhon",  # rarer
    "bão",
    "xyzzy",  # no match at all
    "trump",  # English
    "économie",  # French
    "中国",  # Chinese
    "경제",  # Korean
    "経済",  # Japanese
    "title:hà nội",
    "hà nội lang:vi",
    "gia lai p=2",
]


def main(argv: list[str]) -> None:
    args = _parser().parse_args([a for a in argv if a not in ("searchpage", "bench_searchpage")])
    if not args.inner:
        url = database_url(args.db, args.items, args.db_url)
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "0",
               "DJANGO_ALLOWED_HOSTS": "testserver", "DJANGO_SECURE_SSL_REDIRECT": "0",
               "DJANGO_SECRET_KEY": "lantoa-searchpage-bench-only-" + "0" * 40,
               "LANTOA_STATIC_ROOT": str(ROOT / "var" / "bench" / "load-static"),
               "LANTOA_LOG_LEVEL": "ERROR"}  # fmt: skip
        command = [sys.executable, "-m", "bench.bench_searchpage", "--inner", "--rounds",
                   str(args.rounds), "--db", args.db, "--items", str(args.items)]  # fmt: skip
        if args.profile:
            command += ["--profile", args.profile]
        done = subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        print(done.stdout or done.stderr[-3000:])
        return
    _inner(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench_searchpage")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--items", type=int, default=1_000_000, help="the corpus's size")
    parser.add_argument("--db-url", "--pg-url", help="the corpus database (default: per --db)")
    parser.add_argument("--profile", help="cProfile the page of this query instead")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    return parser


def _path(query: str) -> str:
    query, _, page = query.partition(" p=")
    path = "/admin/search/items/?q=" + urllib.parse.quote(query)
    return path + (f"&p={page}" if page else "")


def _inner(args) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantoa.settings")
    django.setup()
    from django.db import connection
    from django.test import Client

    from bench.bench_search import QUERIES
    from lantoa.core.models import User
    from lantoa.monitoring.models import Item
    from lantoa.monitoring.search import views

    _generation_tables()
    client = Client()
    client.force_login(User.objects.get(username="theodoi"))
    if args.profile:
        _profile(client, _path(args.profile))
        return

    spent = {"sql": 0.0, "queries": 0, "highlight": 0.0}

    def timed_sql(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent["sql"] += time.perf_counter() - started
            spent["queries"] += 1

    plain_highlight = views.highlight

    def timed_highlight(*a, **k):
        started = time.perf_counter()
        try:
            return plain_highlight(*a, **k)
        finally:
            spent["highlight"] += time.perf_counter() - started

    views.highlight = timed_highlight
    variants = _variants()
    queries = [*QUERIES, *EXTRA_QUERIES]
    rows, baseline = [], []
    for query in queries:
        path = _path(query)
        counts = {}
        for name, apply in variants:  # warm: templates compiled, caches filled
            apply()
            response = client.get(path)
            assert response.status_code == 200, path
            counts[name] = _count(response.content.decode())
        assert len(set(counts.values())) == 1, (query, counts)
        measured = {name: ([], [], [], []) for name, _apply in variants}
        for _round in range(args.rounds):
            for name, apply in variants:
                apply()
                totals, sql, numbers, highlights = measured[name]
                spent.update(sql=0.0, queries=0, highlight=0.0)
                with connection.execute_wrapper(timed_sql):
                    started = time.perf_counter()
                    client.get(path)
                    totals.append(1000 * (time.perf_counter() - started))
                sql.append(1000 * spent["sql"])
                numbers.append(spent["queries"])
                highlights.append(1000 * spent["highlight"])
            started = time.perf_counter()
            client.get("/api/health")
            baseline.append(1000 * (time.perf_counter() - started))
        rows.append((query, counts[variants[-1][0]], measured))
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    base = statistics.median(baseline)
    print(
        f"The admin search page in one process, {Item.objects.count():,} items on "
        f"{connection.vendor}, {args.rounds} rounds alternating the variants and the baseline, "
        f"load average {load:.1f} at the end. `.venv/bin/python -m bench searchpage --db "
        f"{args.db} --items {args.items} --rounds {args.rounds}`"
    )
    names = [name for name, _apply in variants]
    print(
        "\n| query | results shown | "
        + " | ".join(f"{name}: p50 ms | p95 ms | p50 / baseline" for name in names)
        + f" | {names[-1]}: SQL ms (p50) | queries | highlight ms | rest ms |"
    )
    print("|---|---|" + "---:|---:|---:|" * len(names) + "---:|---:|---:|---:|")
    every = {name: [] for name in names}
    for query, count, measured in rows:
        cells = [f"`{query}`", count]
        for name in names:
            totals = measured[name][0]
            every[name] += totals
            p50 = statistics.median(totals)
            cells += [f"{p50:.0f}", f"{_p95(sorted(totals)):.0f}", f"{p50 / base:.1f}"]
        totals, sql, numbers, highlights = measured[names[-1]]
        rest = statistics.median(totals) - statistics.median(sql) - statistics.median(highlights)
        cells += [
            f"{statistics.median(sql):.0f}",
            str(max(numbers)),
            f"{statistics.median(highlights):.1f}",
            f"{rest:.0f}",
        ]
        print("| " + " | ".join(cells) + " |")
    cells = ["**every query**", ""]
    for name in names:
        values = sorted(every[name])
        p50 = statistics.median(values)
        cells += [f"{p50:.0f}", f"{_p95(values):.0f}", f"{p50 / base:.1f}"]
    print("| " + " | ".join(cells) + " | | | | |")
    print(
        f"| baseline: plain Django view /api/health | | {base:.0f} | {_p95(sorted(baseline)):.0f} "
        "| 1.0 |" + " |" * (3 * len(names) - 3 + 4)
    )
    print(
        "\nSQL ms counts the statements' execution only (SQLite hands rows out while they are "
        "fetched, so most of its time shows under rest)."
    )


def _generation_tables() -> None:
    """The cache's generation tables (migration search.0005) as TEMP tables of each connection,
    in front of the corpus's own if it has them (a TEMP table comes first in name look-ups): the
    benchmark never writes to the corpus, which may have been built before that migration. The
    state says the newest `APPENDED` index rows came in the last change (for "appended")."""
    from django.db.backends.signals import connection_created

    def create(sender, connection, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE search_index_state (id smallint PRIMARY KEY, seq bigint, "
                "token bigint)"
            )
            cursor.execute(
                "CREATE TEMP TABLE search_index_change (seq bigint PRIMARY KEY, token bigint, "
                "first_rowid bigint, rewrite boolean, rowids text)"
            )
            cursor.execute("SELECT max(rowid) FROM search_item_fts")
            cut = cursor.fetchone()[0] - APPENDED + 1
            cursor.execute("INSERT INTO search_index_state VALUES (1, 2, 22)")
            cursor.execute(
                "INSERT INTO search_index_change VALUES "
                "(1, 11, NULL, %s, NULL), (2, 22, %s, %s, NULL)",
                [True, cut, False],
            )

    connection_created.connect(create, weak=False)


# "appended": the page is viewed after this many new index rows (a few polls of a busy ward).
APPENDED = 500


def _variants():
    """(name, apply) pairs, alternated request by request:
    - "no cache": the newest matches read on every view (the code before the cache);
    - "cold": the cache emptied before the view (first view of a query after a rewrite);
    - "warm": the cache kept (a query viewed again, the index unchanged);
    - "appended": the cached rows made as they were before the newest `APPENDED` index rows
      came, so the view searches only those and merges (first view after new items)."""
    from django.db import connection

    from lantoa.monitoring.search import newest_cache, selectors

    cached = newest_cache.newest_rows

    def uncached(backend, node, limit, conditions=(), *, windowed=True):
        return backend.newest_facet_rows(node, limit, conditions, windowed=windowed)

    def no_cache():
        selectors.newest_cache.newest_rows = uncached

    def cold():
        selectors.newest_cache.newest_rows = cached
        newest_cache.clear()

    def warm():
        selectors.newest_cache.newest_rows = cached

    def appended():
        selectors.newest_cache.newest_rows = cached
        with connection.cursor() as cursor:
            cursor.execute("SELECT first_rowid FROM search_index_change WHERE seq = 2")
            cut = cursor.fetchone()[0]
        for entry in newest_cache._entries.values():
            entry.seq, entry.token = 1, 11
            entry.rows = [row for row in entry.rows if row[0] < cut]

    return [("no cache", no_cache), ("cold", cold), ("warm", warm), ("appended", appended)]


def _count(html: str) -> str:
    """The page's own words for its count ("hơn 1000", "37", "0")."""
    import re

    found = re.search(r"data-search-count>(.*?)<strong>(.*?)</strong>", html, re.S)
    return " ".join(part.strip() for part in found.groups()).strip() if found else "—"


def _profile(client, path: str) -> None:
    import cProfile
    import pstats

    client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        client.get(path)
    profiler.disable()
    print(f"cProfile of 5 requests of {path}")
    order = os.environ.get("BENCH_SORT", "cumulative")  # or tottime
    pstats.Stats(profiler, stream=sys.stdout).sort_stats(order).print_stats(90)


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


if __name__ == "__main__":
    main(sys.argv[1:])
