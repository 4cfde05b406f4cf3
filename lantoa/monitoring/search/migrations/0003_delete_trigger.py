"""An item's index row goes when the item goes, whoever deletes it: the admin, a retention run,
or the cascade when its source is deleted. A database trigger (not a Django signal) so that
cascades and bulk deletes are covered too; otherwise stale rows would inflate the counts the
index makes on its own (`count_bounded_sql`, `SearchQuerySet.count`).
"""

from django.db import migrations

CREATE = {
    "sqlite": [
        "CREATE TRIGGER search_item_fts_item_deleted AFTER DELETE ON monitoring_item "
        "BEGIN DELETE FROM search_item_fts WHERE rowid = old.id; END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION search_item_fts_item_deleted() RETURNS trigger AS $$ "
        "BEGIN DELETE FROM search_item_fts WHERE rowid = OLD.id; RETURN OLD; END $$ "
        "LANGUAGE plpgsql",
        "CREATE TRIGGER search_item_fts_item_deleted AFTER DELETE ON monitoring_item "
        "FOR EACH ROW EXECUTE FUNCTION search_item_fts_item_deleted()",
    ],
}
DROP = {
    "sqlite": ["DROP TRIGGER IF EXISTS search_item_fts_item_deleted"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS search_item_fts_item_deleted ON monitoring_item",
        "DROP FUNCTION IF EXISTS search_item_fts_item_deleted()",
    ],
}


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements[schema_editor.connection.vendor]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_filter_copies"), ("monitoring", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
