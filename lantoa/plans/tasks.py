"""Background jobs of the plans app. Each takes ids (or nothing), calls one service."""

from datetime import date

from celery import shared_task
from django.utils import timezone


@shared_task
def followup_daily_task(as_of: str | None = None) -> dict[str, int]:
    """The daily "theo dõi, đôn đốc" run (scheduled in plans/schedules.py)."""
    from .services import followup_run

    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    return followup_run(as_of=day)
