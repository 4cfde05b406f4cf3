"""What the search app adds to `monitoring_item` on SQLite (two triggers, one index), restored
after `migrate`.

SQLite alters few columns in place: for the rest Django's schema editor copies the table to a new
one and drops the old, and the old table's triggers and the indexes Django does not know of go
with it, without a word. After any later migration that touches `monitoring_item` (a field
altered or removed), deleted items would stay in the index, the search page's cache of newest
matches would not hear of their deletion, and its facets would fail ("no such index"). So after
every `migrate` (the app's post_migrate handler) each of them that is missing while the migration
that created it is applied is created again, by that migration's own statement.
"""

import importlib
import logging
import re

log = logging.getLogger(__name__)

# Trigger or index on monitoring_item → the migration whose CREATE["sqlite"] creates it.
SQLITE_OBJECTS = {
    "search_item_fts_item_deleted": "0003_delete_trigger",
    "search_item_facets": "0004_sqlite_facet_index",
    "search_index_item_deleted": "0005_index_generation",
}


def create_statement(name: str) -> str:
    """The statement that created trigger or index `name` on SQLite, read from its migration."""
    module = importlib.import_module(f"{__package__}.migrations.{SQLITE_OBJECTS[name]}")
    created = re.compile(rf"CREATE (?:TRIGGER|INDEX IF NOT EXISTS) {name} ")
    (statement,) = (s for s in module.CREATE["sqlite"] if created.match(s))
    return statement


def item_table_restore(connection) -> list[str]:
    """Create again the item table's triggers and index a table copy dropped (SQLite only);
    returns their names."""
    if connection.vendor != "sqlite":
        return []
    from django.db.migrations.recorder import MigrationRecorder

    applied = {
        name for app, name in MigrationRecorder(connection).applied_migrations() if app == "search"
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'monitoring_item'")
        present = {row[0] for row in cursor.fetchall()}
        restored = [
            name
            for name, migration in SQLITE_OBJECTS.items()
            if migration in applied and name not in present
        ]
        for name in restored:
            cursor.execute(create_statement(name))
    if restored:
        log.warning("dropped by a copy of monitoring_item, restored: %s", restored)
    return restored
