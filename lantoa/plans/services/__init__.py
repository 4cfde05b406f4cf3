"""Writes of the plans app (see each module); everything public is re-exported here."""

from .annual import annual_report_start
from .followup import followup_run
from .imports import directory_from_units, plan_import, plan_import_file, plan_parse_file
from .numbering import document_number_allocate, document_symbol, document_symbol_validate
from .proposals import NEW_UNIT, TaskDecision, plan_proposals_accept
from .work import (
    dissemination_session_record,
    plan_tasks_create,
    progress_report_review,
    progress_report_submit,
    task_cancel,
    task_create,
    task_periods_generate,
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
    "plan_import",
    "plan_import_file",
    "plan_parse_file",
    "plan_proposals_accept",
    "plan_tasks_create",
    "progress_report_review",
    "progress_report_submit",
    "task_cancel",
    "task_create",
    "task_periods_generate",
]
