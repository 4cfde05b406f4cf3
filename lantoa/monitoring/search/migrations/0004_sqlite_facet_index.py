"""SQLite: an index of the items' (id, source, language, publication time), which the search
page's facets read for the newest matches instead of the item rows.

An item row keeps its language and publication time after its title, summary and text, usually in
overflow pages: reading those two fields of 1,001 matches walked every match's text (25 ms of a
100k corpus's search page, see selectors.FACET_INDEX). This index is the search page's copy of
those fields, kept by SQLite itself. PostgreSQL's index table has the copies already (0002).
"""

from django.db import migrations

INDEX = "search_item_facets"
CREATE = {
    "sqlite": [
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON monitoring_item "
        "(id, source_id, language, published_at)"
    ]
}


def create(apps, schema_editor):
    for statement in CREATE.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_delete_trigger"), ("monitoring", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
