"""Writes of the responses app (see cases.py for the transitions)."""

from .cases import (
    ACTION_SERVICES,
    AppearanceSpec,
    appearance_add,
    case_act,
    case_approve,
    case_assign,
    case_close,
    case_correct,
    case_draft,
    case_mark_not_applicable,
    case_open,
    case_pause,
    case_publish,
    case_return_to_drafting,
    case_set_verdict,
    case_start_verification,
    case_submit_for_approval,
    case_update,
    channel_add,
    evidence_add,
)
from .clarifications import clarification_create_from_case
from .errors import CaseError, CasePermissionError, CaseTransitionError
from .pages import clarification_index_ensure, clarification_workflow_ensure
from .setup import responses_setup
from .sla import cases_check_deadlines

__all__ = [
    "ACTION_SERVICES",
    "AppearanceSpec",
    "CaseError",
    "CasePermissionError",
    "CaseTransitionError",
    "appearance_add",
    "case_act",
    "case_approve",
    "case_assign",
    "case_close",
    "case_correct",
    "case_draft",
    "case_mark_not_applicable",
    "case_open",
    "case_pause",
    "case_publish",
    "case_return_to_drafting",
    "case_set_verdict",
    "case_start_verification",
    "case_submit_for_approval",
    "case_update",
    "cases_check_deadlines",
    "channel_add",
    "clarification_create_from_case",
    "clarification_index_ensure",
    "clarification_workflow_ensure",
    "evidence_add",
    "responses_setup",
]
