"""The timeline of a case: every service that changes a case records what happened here."""

from lantoa.core.audit import audit

from ..models import Case, CaseEvent


def case_event_record(
    case: Case, kind: str, /, *, user, note: str = "", data=None, **states
) -> CaseEvent:
    """One CaseEvent for the case's timeline and the same in Wagtail's audit log."""
    event = CaseEvent.objects.create(
        case=case, kind=kind, user=user, note=note, data=data or {}, **states
    )
    audit(case, f"responses.{kind}", user=user, data={"note": note, **(data or {}), **states})
    return event
