"""Cases of inaccurate information and the clarification pages published for them."""

from .cases import (
    Appearance,
    Case,
    CaseEvent,
    CaseTopic,
    Correction,
    DeadlineNotice,
    Evidence,
    ResponseChannel,
)
from .claims import Claim, ClaimRecurrence
from .pages import ClarificationIndexPage, ClarificationPage
from .violations import Violation, ViolationStep

__all__ = [
    "Appearance",
    "Case",
    "CaseEvent",
    "CaseTopic",
    "Claim",
    "ClaimRecurrence",
    "ClarificationIndexPage",
    "ClarificationPage",
    "Correction",
    "DeadlineNotice",
    "Evidence",
    "ResponseChannel",
    "Violation",
    "ViolationStep",
]
