"""The scheduled-publication Celery task is named `pages_publish_scheduled_task` (tasks end in
`_task`): a beat entry made by `scheduler_ensure` before the rename follows it."""

from django.db import migrations

OLD = "lantoa.promotion.tasks.publish_scheduled_pages"
NEW = "lantoa.promotion.tasks.pages_publish_scheduled_task"


def rename(apps, schema_editor, old=OLD, new=NEW):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=old).update(task=new)


def restore(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("promotion", "0003_themes"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(rename, restore)]
