"""Poll runs leave Wagtail's reference index (PollRun.wagtail_reference_index_ignore): the rows
earlier versions wrote for them, one per poll, are removed."""

from django.db import migrations


def _forget_poll_runs(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    poll_run = ContentType.objects.filter(app_label="monitoring", model="pollrun").first()
    if poll_run is not None:
        ReferenceIndex.objects.filter(base_content_type=poll_run).delete()
        ReferenceIndex.objects.filter(to_content_type=poll_run).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0016_source_country_zone"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(_forget_poll_runs, migrations.RunPython.noop)]
