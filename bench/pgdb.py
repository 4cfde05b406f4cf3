"""The PostgreSQL databases the benchmarks keep their large corpora in."""

from __future__ import annotations

import urllib.parse


def database_ensure(url: str, marker: str) -> None:
    """Create the database at `url` when it is missing; drop and recreate it when it holds no
    source named `marker` (another corpus size or version), so that a stale corpus never lingers.
    """
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as pg:
        exists = pg.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            try:
                with psycopg.connect(url) as bench:
                    found = bench.execute(
                        "SELECT 1 FROM monitoring_source WHERE name = %s", [marker]
                    ).fetchone()
            except psycopg.Error:
                found = None
            if found:
                return
            pg.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        pg.execute(f'CREATE DATABASE "{name}"')
