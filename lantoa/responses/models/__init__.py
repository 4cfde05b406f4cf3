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
from .pages import ClarificationIndexPage, ClarificationPage
from .violations import Violation, ViolationStep

__all__ = [
    "Appearance",
    "Case",
    "CaseEvent",
    "CaseTopic",
    "ClarificationIndexPage",
    "ClarificationPage",
    "Correction",
    "DeadlineNotice",
    "Evidence",
    "ResponseChannel",
    "Violation",
    "ViolationStep",
]
