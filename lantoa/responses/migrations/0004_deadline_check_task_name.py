"""The deadline check's Celery task is named `cases_check_deadlines_task` (tasks end in `_task`):
the beat entry made by 0002 follows it, so an upgraded install keeps its schedule; the entry's
name says "notice" (a deadline notice is not an alert)."""

from django.db import migrations

OLD = ("lantoa.responses.tasks.cases_check_deadlines", "Làm rõ thông tin: cảnh báo hạn xử lý")
NEW = ("lantoa.responses.tasks.cases_check_deadlines_task", "Làm rõ thông tin: thông báo hạn xử lý")


def rename(apps, schema_editor, old=OLD, new=NEW):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task=old[0]).update(task=new[0])
    if not PeriodicTask.objects.filter(name=new[1]).exists():
        PeriodicTask.objects.filter(name=old[1]).update(name=new[1])


def restore(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("responses", "0003_rename_alert_to_deadlinenotice"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(rename, restore)]
