"""Writes of the reports app: starting its background jobs (lantoa.core.jobs)."""

from datetime import date

from lantoa.core.jobs.models import Job
from lantoa.core.jobs.services import job_start

from .constants import KPI_EXPORT


def kpi_export_start(*, start: date, end: date, unit=None, plan=None, user=None) -> Job:
    """Queue the XLSX export of the dashboard's figures for the period, unit and plan."""
    params = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "unit": unit.pk if unit else None,
        "plan": plan.pk if plan else None,
    }
    return job_start(kind=KPI_EXPORT, params=params, user=user)
