"""Periodic work every install has, in Celery beat's tables (django-celery-beat).

An app declares its entries in `<app>/schedules.py` as `SCHEDULES = [Schedule(...), ...]`.
After every `migrate` (core's post_migrate handler) `schedules_ensure()` creates the entries that
are missing, so a production install has every schedule without the demo loader. An entry that
exists is left as an administrator edited it (its time, whether it is enabled); only its task name
follows a task that was renamed.
"""

import json
from dataclasses import dataclass

from django.db import transaction
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from .registry import app_modules
from .services import crontab_ensure


@dataclass(frozen=True)
class Schedule:
    """One beat entry: every `every_seconds`, or at `minute` `hour` on `day_of_week` (crontab
    fields, in the office's time zone)."""

    name: str  # shown in the admin; the key an entry is found by
    task: str  # the Celery task's registered name
    every_seconds: int | None = None
    minute: str = "0"
    hour: str = "*"
    day_of_week: str = "*"
    queue: str = ""


def schedules_declared() -> list[Schedule]:
    """Every app's declared entries, in the order of settings.LANTOA_APPS."""
    return [schedule for module in app_modules("schedules") for schedule in module.SCHEDULES]


@transaction.atomic
def schedules_ensure() -> int:
    """Create the declared entries that are missing; returns how many were created."""
    created = 0
    for schedule in schedules_declared():
        entry = PeriodicTask.objects.filter(name=schedule.name).first()
        if entry is not None:
            if entry.task != schedule.task:  # the task was renamed since the entry was made
                entry.task = schedule.task
                entry.save(update_fields=["task"])
            continue
        if schedule.every_seconds:
            interval, _created = IntervalSchedule.objects.get_or_create(
                every=schedule.every_seconds, period=IntervalSchedule.SECONDS
            )
            when = {"interval": interval}
        else:
            when = {
                "crontab": crontab_ensure(
                    minute=schedule.minute, hour=schedule.hour, day_of_week=schedule.day_of_week
                )
            }
        PeriodicTask.objects.create(
            name=schedule.name,
            task=schedule.task,
            queue=schedule.queue or None,
            kwargs=json.dumps({}),
            **when,
        )
        created += 1
    return created
