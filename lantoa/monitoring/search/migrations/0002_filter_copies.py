"""PostgreSQL: the index row keeps copies of its item's publication time, language and source,
so that a query's filters narrow the text matches inside the index (see backends.py).

Databases created by the current 0001 have the columns already; older ones get them here, filled
from the items. SQLite's FTS5 table is unchanged (its filters join the items).
"""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE search_item_fts ADD COLUMN IF NOT EXISTS published_at timestamptz NULL",
    "ALTER TABLE search_item_fts ADD COLUMN IF NOT EXISTS language varchar(10) NOT NULL DEFAULT ''",
    "ALTER TABLE search_item_fts ADD COLUMN IF NOT EXISTS source_id bigint NULL",
    "UPDATE search_item_fts f SET published_at = i.published_at, language = lower(i.language),"
    " source_id = i.source_id FROM monitoring_item i WHERE i.id = f.rowid AND f.source_id IS NULL",
    "CREATE INDEX IF NOT EXISTS search_item_fts_published_at ON search_item_fts (published_at)",
    "CREATE INDEX IF NOT EXISTS search_item_fts_source_id ON search_item_fts (source_id)",
]


def add_filter_copies(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_filter_copies, migrations.RunPython.noop)]
