"""Cases of inaccurate information and the clarification pages published for them."""

from .cases import (
    Alert,
    Appearance,
    Case,
    CaseEvent,
    CaseTopic,
    Correction,
    Evidence,
    ResponseChannel,
)
from .pages import ClarificationIndexPage, ClarificationPage

__all__ = [
    "Alert",
    "Appearance",
    "Case",
    "CaseEvent",
    "CaseTopic",
    "ClarificationIndexPage",
    "ClarificationPage",
    "Correction",
    "Evidence",
    "ResponseChannel",
]
