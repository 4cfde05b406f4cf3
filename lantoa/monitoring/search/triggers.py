"""The index's triggers on `monitoring_item`, restored after `migrate` on SQLite.

SQLite alters few columns in place: for the rest Django's schema editor copies the table to a new
one and drops the old, and the old table's triggers go with it, without a word. After any later
migration that touches `monitoring_item` (a field altered or removed), deleted items would stay
in the index and the search page's cache of newest matches would not hear of their deletion. So
after every `migrate` (the app's post_migrate handler) a trigger that is missing while the
migration that created it is applied is created again, by that migration's own statement.
"""

import importlib
import logging

log = logging.getLogger(__name__)

# Trigger → the migration whose CREATE["sqlite"] creates it.
SQLITE_TRIGGERS = {
    "search_item_fts_item_deleted": "0003_delete_trigger",
    "search_index_item_deleted": "0005_index_generation",
}


def trigger_statement(name: str) -> str:
    """The statement that created trigger `name` on SQLite, read from its migration."""
    module = importlib.import_module(f"{__package__}.migrations.{SQLITE_TRIGGERS[name]}")
    (statement,) = (s for s in module.CREATE["sqlite"] if s.startswith(f"CREATE TRIGGER {name} "))
    return statement


def triggers_restore(connection) -> list[str]:
    """Create again the item triggers a table copy dropped (SQLite only); returns their names."""
    if connection.vendor != "sqlite":
        return []
    from django.db.migrations.recorder import MigrationRecorder

    applied = {
        name for app, name in MigrationRecorder(connection).applied_migrations() if app == "search"
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'monitoring_item'"
        )
        present = {row[0] for row in cursor.fetchall()}
        restored = [
            name
            for name, migration in SQLITE_TRIGGERS.items()
            if migration in applied and name not in present
        ]
        for name in restored:
            cursor.execute(trigger_statement(name))
    if restored:
        log.warning("search triggers dropped by a copy of monitoring_item, restored: %s", restored)
    return restored
