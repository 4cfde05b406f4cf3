"""Background jobs of the responses app (run by Celery beat, see the data migrations)."""

from celery import shared_task

from .models import Case
from .services import cases_check_deadlines
from .services.claims import claim_recurrences_scan


@shared_task(name="lantoa.responses.tasks.cases_check_deadlines_task")
def cases_check_deadlines_task() -> dict[str, int]:
    """Every few minutes: deadline warnings and escalations (idempotent)."""
    return cases_check_deadlines()


@shared_task(name="lantoa.responses.tasks.claims_scan_task")
def claims_scan_task(case_id: int) -> int:
    """After a case's claims change: match the stored items of the last days against them."""
    case = Case.objects.filter(pk=case_id).first()
    return claim_recurrences_scan(case=case) if case else 0
