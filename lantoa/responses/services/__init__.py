"""Writes of the responses app: opening.py (opening a case), cases.py (assignment, transitions),
claims.py (claims, recurrences, the resurface alert), evidence.py (evidence,
appearances, channels), events.py (the timeline), clarifications.py (the clarification page and
its workflow), sla.py (deadlines), pages.py and setup.py (the index page and workflow)."""

from .cases import (
    ACTION_SERVICES,
    case_act,
    case_action_refusal,
    case_actions_allowed,
    case_approve,
    case_assign,
    case_close,
    case_correct,
    case_draft,
    case_mark_not_applicable,
    case_pause,
    case_publish,
    case_return_to_drafting,
    case_set_verdict,
    case_start_verification,
    case_submit_for_approval,
    case_update,
)
from .clarifications import (
    case_follow_page_publication,
    case_follow_page_unpublication,
    case_follow_workflow_return,
    case_follow_workflow_submission,
    clarification_create_from_case,
)
from .errors import CaseError, CasePermissionError, CaseTransitionError
from .evidence import (
    AppearanceSpec,
    appearance_add,
    channel_add,
    evidence_add,
)
from .opening import case_open, claims_scan_later
from .pages import clarification_index_ensure, clarification_workflow_ensure
from .setup import responses_setup
from .sla import cases_check_deadlines
from .violations import violation_record, violation_step_add, violation_update

__all__ = [
    "ACTION_SERVICES",
    "AppearanceSpec",
    "CaseError",
    "CasePermissionError",
    "CaseTransitionError",
    "appearance_add",
    "case_act",
    "case_action_refusal",
    "case_actions_allowed",
    "case_approve",
    "case_assign",
    "case_close",
    "case_correct",
    "case_draft",
    "case_follow_page_publication",
    "case_follow_page_unpublication",
    "case_follow_workflow_return",
    "case_follow_workflow_submission",
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
    "claims_scan_later",
    "clarification_create_from_case",
    "clarification_index_ensure",
    "clarification_workflow_ensure",
    "evidence_add",
    "responses_setup",
    "violation_record",
    "violation_step_add",
    "violation_update",
]
