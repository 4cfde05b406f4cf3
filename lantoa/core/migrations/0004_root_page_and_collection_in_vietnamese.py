"""Wagtail's page root and collection root are created as "Root": staff read "Gốc" instead (the
explorer, the page permissions of a group, the collection lists)."""

from django.db import migrations

ROOT_TITLE = "Gốc"  # core.apps.ROOT_TITLE, written out: a migration keeps its own values


def rename_roots(apps, schema_editor):
    page = apps.get_model("wagtailcore", "Page")
    collection = apps.get_model("wagtailcore", "Collection")
    page.objects.filter(depth=1, title="Root").update(title=ROOT_TITLE, draft_title=ROOT_TITLE)
    collection.objects.filter(depth=1, name="Root").update(name=ROOT_TITLE)


def restore_roots(apps, schema_editor):
    page = apps.get_model("wagtailcore", "Page")
    collection = apps.get_model("wagtailcore", "Collection")
    page.objects.filter(depth=1, title=ROOT_TITLE).update(title="Root", draft_title="Root")
    collection.objects.filter(depth=1, name=ROOT_TITLE).update(name="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_unit_scoped_log_entry"),
        ("wagtailcore", "0025_collection_initial_data"),
    ]

    operations = [migrations.RunPython(rename_roots, restore_roots)]
