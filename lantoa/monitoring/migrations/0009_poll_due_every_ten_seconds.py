"""The beat entry that looks for due sources runs every 10 s instead of every minute.

`core.beat.schedules_ensure` creates missing entries only and leaves an existing one as an
administrator set it, so an install made before this change still has the 60 s entry: it is moved
to 10 s here when it is still at the 60 s it was made with (an entry an administrator changed is
left alone). See `monitoring/schedules.py` for why.
"""

from django.db import migrations
from django.utils import timezone

TASK = "lantoa.monitoring.tasks.sources_poll_due_task"


def _move(apps, old: int, new: int) -> None:
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    entries = PeriodicTask.objects.filter(
        task=TASK, interval__every=old, interval__period="seconds"
    )
    if not entries.exists():
        return
    interval, _created = IntervalSchedule.objects.get_or_create(every=new, period="seconds")
    entries.update(interval=interval)
    # What the model's signals do for a running beat: tell it the schedule changed.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def forwards(apps, schema_editor) -> None:
    _move(apps, 60, 10)


def backwards(apps, schema_editor) -> None:
    _move(apps, 10, 60)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0008_merge_parallel_branches"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
