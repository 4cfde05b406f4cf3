"""The load benchmarks' corpus: the demo ward plus N generated items, on PostgreSQL or SQLite.

Built once and cached (PostgreSQL: the database lantoa_load_bench or --db-url; SQLite:
var/bench/load-N.sqlite3), recognised by a marker source naming its size and version, so that a
stale corpus never lingers. `prepare` runs inside Django with the corpus's DATABASE_URL (the
benchmarks start it in a subprocess) and prints the state the benchmark needs as one JSON line.
"""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.parse
from pathlib import Path

from bench.pgdb import database_ensure

ROOT = Path(__file__).resolve().parent.parent
CORPUS_VERSION = 2
BENCH_USER = "theodoi"  # the demo's monitoring officer (no 2FA requirement for this role)
DEFAULT_PG_URL = os.environ.get(
    "LANTOA_BENCH_LOAD_PG_URL", "postgres://postgres@127.0.0.1:5432/lantoa_load_bench"
)


def marker(items: int) -> str:
    return f"load-corpus:{items}:v{CORPUS_VERSION}"


def database_url(db: str, items: int, url: str | None = None) -> str:
    """The corpus's DATABASE_URL: `url` when given, else PostgreSQL's default database or the
    SQLite file of this size."""
    if url:
        return url
    if db == "sqlite":
        return f"sqlite:///{ROOT / 'var' / 'bench' / f'load-{items}.sqlite3'}"
    return DEFAULT_PG_URL


def corpus_ensure(url: str, items: int) -> None:
    """Make room for the corpus at `url`: keep it when it holds this size's marker, else start
    from an empty database (PostgreSQL: recreated; SQLite: the file removed)."""
    if not url.startswith("sqlite"):
        database_ensure(url, marker(items))
        return
    path = Path(urllib.parse.urlsplit(url).path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        try:
            with sqlite3.connect(path) as db:
                found = db.execute(
                    "SELECT 1 FROM monitoring_source WHERE name = ?", [marker(items)]
                ).fetchone()
        except sqlite3.Error:
            found = None
        if found:
            return
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)


def prepare(items: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from wagtail.models import APIToken, Page

    from lantoa.core.models import User
    from lantoa.monitoring.models import Item, Source

    call_command("migrate", verbosity=0)
    shared_buffers = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as docs/operations.md recommends for a small server
            name = connection.settings_dict["NAME"]
            cursor.execute(f'ALTER DATABASE "{name}" SET max_parallel_workers_per_gather = 0')
            cursor.execute("SHOW shared_buffers")
            shared_buffers = cursor.fetchone()[0]
    corpus = "cached"
    if not Source.objects.filter(name=marker(items)).exists():
        # The demo first (its search step indexes every item: cheap on an empty database), then
        # the generated items after the demo's ids, bulk-loaded with their index rows.
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        _corpus_add(items)
        Source.objects.create(name=marker(items), kind="manual", outlet_type="blog",
                              is_active=False)  # fmt: skip
        corpus = "built"
    call_command("collectstatic", interactive=False, verbosity=0)
    user = User.objects.get(username=BENCH_USER)
    client = Client()
    client.force_login(user)
    APIToken.objects.filter(name="load-bench").delete()
    _token, key = APIToken.create_token(user=user, name="load-bench")
    static_root = Path(settings.STATIC_ROOT)
    static = next(static_root.glob("wagtailadmin/js/*.js"))
    pages = [
        urllib.parse.urlsplit(p.url).path
        for p in Page.objects.live().filter(depth__gt=1).specific()
        if p.url
    ]
    print(
        json.dumps(
            {
                "corpus": corpus,
                "vendor": connection.vendor,
                "shared_buffers": shared_buffers,
                "items": Item.objects.count(),
                "session": client.cookies["sessionid"].value,
                "token": key,
                "static": "/static/" + static.relative_to(static_root).as_posix(),
                "pages": sorted(set(pages))[:50],
                "public": _public_pages(),
                "source": Source.objects.filter(kind="feed").order_by("id").first().pk,
            }
        )
    )


def _public_pages() -> dict[str, list[str]]:
    """Every live public page of each site language (its home, lists, articles, events, themes,
    gallery, clarifications), by language."""
    from django.conf import settings
    from wagtail.models import Page

    result = {}
    for language, _name in settings.LANGUAGES:
        paths = [
            urllib.parse.urlsplit(page.url).path
            for page in Page.objects.live()
            .public()
            .filter(depth__gt=1, locale__language_code=language)
            .specific()
            if page.url
        ]
        if paths:
            result[language] = sorted(set(paths))
    return result


def _corpus_add(n: int) -> None:
    from django.conf import settings
    from django.db import connection, transaction
    from django.db.models import Max

    from bench.bench_search import _create_sources, _generate, _load_postgres, _load_sqlite
    from lantoa.monitoring.models import Item

    path = Path(settings.DATA_DIR) / "headlines" / "headlines_dev.jsonl"
    if not path.exists():
        raise SystemExit(f"{path} is missing: set LANTOA_DATA_DIR")
    headlines = [json.loads(line) for line in path.open(encoding="utf-8")]
    offset = Item.objects.aggregate(top=Max("id"))["top"] or 0
    source_ids = _create_sources(headlines)

    def rows():
        for item, forms in _generate(headlines, source_ids, n):
            yield (item[0] + offset, *item[1:]), forms

    if connection.vendor == "postgresql":
        _load_postgres(connection, rows)
        return
    with transaction.atomic():
        _load_sqlite(connection, rows())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
