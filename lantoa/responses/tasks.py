"""Background jobs of the responses app (run by Celery beat, see the data migrations)."""

from celery import shared_task

from .services import cases_check_deadlines


@shared_task(name="lantoa.responses.tasks.cases_check_deadlines_task")
def cases_check_deadlines_task() -> dict[str, int]:
    """Every few minutes: deadline warnings and escalations (idempotent)."""
    return cases_check_deadlines()
