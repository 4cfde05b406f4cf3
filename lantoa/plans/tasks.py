"""Background jobs of the plans app. Each takes ids (or nothing), calls one service."""

from datetime import date

from celery import shared_task
from django.utils import timezone


@shared_task
def followup_daily(as_of: str | None = None) -> dict[str, int]:
    """The daily "theo dõi, đôn đốc" run (scheduled by migration 0002 in django-celery-beat)."""
    from .services import followup_run

    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    return followup_run(as_of=day)


@shared_task
def annual_report_job(plan_id: int, year: int, out_path: str) -> str:
    """Build the annual report DOCX in a worker (the reports app queues its own wrapper)."""
    from .documents import annual_report_build
    from .models import Plan

    return str(annual_report_build(plan=Plan.objects.get(pk=plan_id), year=year, out_path=out_path))
