"""The kinds of background job this app provides (lantoa.core.jobs)."""

from lantoa.plans.constants import ANNUAL_REPORT_JOB

ANNUAL_REPORT = ANNUAL_REPORT_JOB  # started by lantoa.plans.services.annual_report_start
KPI_EXPORT = "reports.kpi_export"
