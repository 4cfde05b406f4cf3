"""Background jobs of the responses app (run by Celery beat, see the data migration)."""

from celery import shared_task


@shared_task
def cases_check_deadlines() -> dict[str, int]:
    """Every few minutes: deadline alerts and escalations (idempotent)."""
    from .services import cases_check_deadlines as check

    return check()
