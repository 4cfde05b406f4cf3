"""Starting the annual report (section IV.3 of the plan) as a background job."""

from lantoa.core.jobs.models import Job
from lantoa.core.jobs.services import job_start

from ..constants import ANNUAL_REPORT_JOB


def annual_report_start(*, year: int, plan=None, unit=None, user=None) -> Job:
    """Queue the annual report (DOCX, XLSX annex, PDF where possible) for a year, one plan or
    every plan (`plan` None), the ward or one unit. The dashboard and the plans menu start it;
    the job's handler is the reports app's (lantoa.reports.jobs)."""
    params = {"year": year, "plan": plan.directive.code if plan else "", "unit": unit and unit.pk}
    return job_start(kind=ANNUAL_REPORT_JOB, params=params, user=user)
