"""Writes of the plans app (see each module); everything public is re-exported here."""

from .annual import annual_report_start
from .followup import followup_run
from .imports import directory_from_units, plan_import, plan_import_file, plan_parse_file
from .inspections import (
    inspection_finding_record,
    inspection_plan_create,
    inspection_recommend,
    inspection_visit_record,
)
from .numbering import document_number_allocate, document_symbol, document_symbol_validate
from .progress import (
    dissemination_session_record,
    progress_report_review,
    progress_report_submit,
)
from .proposals import NEW_UNIT, TaskDecision, plan_proposals_accept
from .required import required_report_create, required_report_update
from .work import (
    plan_tasks_create,
    task_cancel,
    task_create,
    task_deadline_change,
    task_periods_generate,
    task_update,
)

__all__ = [
    "NEW_UNIT",
    "TaskDecision",
    "annual_report_start",
    "directory_from_units",
    "dissemination_session_record",
    "document_number_allocate",
    "document_symbol",
    "document_symbol_validate",
    "followup_run",
    "inspection_finding_record",
    "inspection_plan_create",
    "inspection_recommend",
    "inspection_visit_record",
    "plan_import",
    "plan_import_file",
    "plan_parse_file",
    "plan_proposals_accept",
    "plan_tasks_create",
    "progress_report_review",
    "progress_report_submit",
    "required_report_create",
    "required_report_update",
    "task_cancel",
    "task_create",
    "task_deadline_change",
    "task_periods_generate",
    "task_update",
]
