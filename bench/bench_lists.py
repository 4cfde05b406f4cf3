"""Admin lists at scale, each request timed in one process, Lantoa's list code against Wagtail's
default list code on the same database in the same run, beside a plain Django view.

    make bench BENCH_ARGS=load     # builds the corpus database first (lantoa_load_bench)
    .venv/bin/python -m bench lists --rounds 15
    .venv/bin/python -m bench lists --db sqlite   # after make bench BENCH_ARGS='load --db sqlite'
    .venv/bin/python -m bench lists --profile /admin/snippets/monitoring/pollrun/   # cProfile

Reads the load benchmark's corpus (bench/load_corpus.py: PostgreSQL's lantoa_load_bench, or
LANTOA_BENCH_LOAD_PG_URL, or --db sqlite, or --db-url) through Django's test client logged in as
the demo's monitoring officer, so the figures are the server's own time for one request, without
HTTP or queueing. Rounds alternate the variants request by request, so a machine shared with
other work slows them alike:

- "Wagtail default": the list views as Wagtail builds them (a template per cell, a menu of buttons
  per row; the sources' weekly health counted by joining poll runs and items in the list query;
  the sidebar built on every page, filter choices through a server-side cursor on PostgreSQL).
- "Lantoa lists, Wagtail frame": core.tables' template-free text, date, checkbox and title cells
  (the sources', cases' and tasks' rows with their menu of buttons written in Python, choice
  labels from a table per field: core.display) and rows joined in Python (FastRowsTable), item
  and poll-run rows that open the record, the
  sources' health counted for the page from an index and kept a minute
  (monitoring.selectors); the page's frame (sidebar, filter choices) as Wagtail builds it.
- "Lantoa": the same with the sidebar cached per person (core.admin.sidebar), the filter drawer
  cached per form, values and choices (core.admin.filter_drawer), the keyboard-shortcuts dialog
  per language (core.admin.shortcuts_dialog) and filter choices by a plain query
  (core.admin.choices).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.load_corpus import database_url

ROOT = Path(__file__).resolve().parent.parent
PATHS = [
    "/admin/snippets/monitoring/item/",
    "/admin/snippets/monitoring/item/?p=50",
    "/admin/snippets/monitoring/item/?language=vi&source__kind=feed",
    "/admin/snippets/monitoring/source/",
    "/admin/snippets/monitoring/pollrun/",
    "/admin/snippets/responses/case/",
    "/admin/snippets/plans/task/",
    "/admin/search/items/?q=kinh%20t%E1%BA%BF",
]


def main(argv: list[str]) -> None:
    args = _parser().parse_args([a for a in argv if a not in ("lists", "bench_lists")])
    if not args.inner:
        url = database_url(args.db, args.items, args.db_url)
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "0",
               "DJANGO_ALLOWED_HOSTS": "testserver", "DJANGO_SECURE_SSL_REDIRECT": "0",
               "DJANGO_SECRET_KEY": "lantoa-lists-bench-only-" + "0" * 40,
               "LANTOA_STATIC_ROOT": str(ROOT / "var" / "bench" / "load-static"),
               "LANTOA_LOG_LEVEL": "ERROR"}  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-m", "bench.bench_lists", "--inner", "--rounds", str(args.rounds),
             "--db", args.db, *(["--profile", args.profile] if args.profile else [])],
            env=env, cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        print(done.stdout or done.stderr[-3000:])
        return
    _inner(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench_lists")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--items", type=int, default=1_000_000, help="the corpus's size")
    parser.add_argument("--db-url", "--pg-url", help="the corpus database (default: per --db)")
    parser.add_argument(
        "--profile", metavar="PATH", help="print cProfile's top functions of one request instead"
    )
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    return parser


def _variants():
    """(name, apply) pairs: apply() switches the monitoring list views to that variant."""
    from datetime import timedelta

    from django.conf import settings
    from django.db.models import Count, Q
    from django.utils import timezone
    from django_filters import fields
    from wagtail.snippets.views.snippets import IndexView

    from lantoa.core.admin.choices import PlainModelChoiceIterator
    from lantoa.core.tables import FastColumnsMixin
    from lantoa.monitoring.admin import views
    from lantoa.monitoring.constants import FETCH_FAILURES

    ours = {
        # The template-free cells and rows of every list that has them (items, poll runs,
        # stories, sources, cases, tasks).
        FastColumnsMixin: {
            "columns": FastColumnsMixin.__dict__["columns"],
            "table_class": FastColumnsMixin.__dict__["table_class"],
        },
        # Item and poll-run rows open the record, without a menu of buttons each.
        views.RowOpensRecordMixin: {
            "get_list_buttons": views.RowOpensRecordMixin.__dict__["get_list_buttons"],
            "_get_title_column": views.RowOpensRecordMixin.__dict__["_get_title_column"],
        },
        views.SourceIndexView: {
            "paginate_queryset": views.SourceIndexView.__dict__["paginate_queryset"],
        },
    }

    def joined_health(self):
        since = timezone.now() - timedelta(days=7)
        return IndexView.get_base_queryset(self).annotate(
            recent_failures=Count(
                "poll_runs",
                filter=Q(poll_runs__started_at__gte=since, poll_runs__outcome__in=FETCH_FAILURES),
                distinct=True,
            ),
            items_week=Count("items", filter=Q(items__fetched_at__gte=since), distinct=True),
        )

    def page_frame(cached: bool):
        """The admin frame: the sidebar cached per person (core.admin.sidebar), the filter drawer
        per form and choices (core.admin.filter_drawer), the keyboard-shortcuts dialog per
        language (core.admin.shortcuts_dialog), filter choices by a plain query
        (core.admin.choices); or built and read as Wagtail does."""
        settings.LANTOA_ADMIN_MENU_CACHE_SECONDS = 300 if cached else 0
        settings.LANTOA_ADMIN_FILTERS_CACHE_SECONDS = 300 if cached else 0
        iterator = PlainModelChoiceIterator if cached else fields.ModelChoiceIterator
        fields.ModelChoiceField.iterator = fields.ModelMultipleChoiceField.iterator = iterator

    def wagtail():
        for cls, attrs in ours.items():
            for name in attrs:
                if name in cls.__dict__:
                    delattr(cls, name)
        views.SourceIndexView.get_base_queryset = joined_health
        page_frame(cached=False)

    def lantoa_lists():
        for cls, attrs in ours.items():
            for name, value in attrs.items():
                setattr(cls, name, value)
        if "get_base_queryset" in views.SourceIndexView.__dict__:
            del views.SourceIndexView.get_base_queryset
        page_frame(cached=False)

    def lantoa():
        lantoa_lists()
        page_frame(cached=True)

    return [
        ("Wagtail default", wagtail),
        ("Lantoa lists, Wagtail frame", lantoa_lists),
        ("Lantoa", lantoa),
    ]


def _inner(args) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantoa.settings")
    django.setup()
    from django.db import connection
    from django.test import Client

    from lantoa.core.models import User
    from lantoa.monitoring.models import Item

    client = Client()
    client.force_login(User.objects.get(username="theodoi"))
    variants = _variants()
    if args.profile:
        _profile(client, args.profile, variants[-1][1])
        return
    times: dict[tuple[str, str], list[float]] = {}
    baseline: list[float] = []
    for path in PATHS:
        for _name, apply in variants:  # warm: templates compiled, caches filled
            apply()
            assert client.get(path).status_code == 200, path
    # As each gunicorn worker does (gunicorn.conf.py): the long-lived objects frozen, so that a
    # full garbage collection (~250 ms over ~490,000 objects) does not land in one timed request.
    gc.collect()
    gc.freeze()
    for path in PATHS:
        for _round in range(args.rounds):
            for name, apply in variants:
                apply()
                started = time.perf_counter()
                client.get(path)
                times.setdefault((path, name), []).append(1000 * (time.perf_counter() - started))
            started = time.perf_counter()
            client.get("/api/health")
            baseline.append(1000 * (time.perf_counter() - started))
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    print(
        f"Admin lists in one process, {Item.objects.count():,} items on {connection.vendor}, "
        f"{args.rounds} rounds alternating the variants, load average {load:.1f} at the end. "
        f"`.venv/bin/python -m bench lists --rounds {args.rounds} --db {args.db}`"
    )
    print("\n| list | " + " | ".join(f"{name} p50 ms | p95 ms" for name, _a in variants) + " |")
    print("|---|" + "---:|---:|" * len(variants))
    for path in PATHS:
        row = [path]
        for name, _apply in variants:
            values = sorted(times[(path, name)])
            row += [f"{statistics.median(values):.0f}", f"{_p95(values):.0f}"]
        print("| " + " | ".join(row) + " |")
    values = sorted(baseline)
    print(
        f"| baseline: plain Django view /api/health | {statistics.median(values):.0f} "
        f"| {_p95(values):.0f} |" + " |" * (2 * len(variants) - 2)
    )


def _profile(client, path: str, apply) -> None:
    """One request of `path` (Lantoa's variant, warmed twice) under cProfile, by cumulative time,
    with the queries it ran."""
    import cProfile
    import io
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    apply()
    for _warm in range(2):
        assert client.get(path).status_code == 200, path
    with CaptureQueriesContext(connection) as queries:
        profile = cProfile.Profile()
        profile.enable()
        client.get(path)
        profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(45)
    print(out.getvalue())
    print(f"{len(queries)} queries:")
    for query in queries.captured_queries:
        print(f"  {query['time']} s  {query['sql'][:160]}")


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


if __name__ == "__main__":
    main(sys.argv[1:])
