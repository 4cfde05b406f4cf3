"""The violations register (III.2): record, handling steps, decision and outcome.

Content, never people: the text is redacted (e-mail addresses, phone numbers) before it is
stored, and the register names a unit and a role, not a person.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantoa.core.audit import audit
from lantoa.core.models import Unit
from lantoa.monitoring.privacy import redact

from ..constants import ViolationKind, ViolationOutcome, ViolationState
from ..models import Violation, ViolationStep

_FIELDS = (
    "kind",
    "summary",
    "description",
    "occurred_on",
    "detected_on",
    "unit",
    "actor_role",
    "handling_unit",
    "decided_on",
    "decision_ref",
    "decision",
    "outcome",
    "closed_on",
)
_TEXT = ("summary", "description", "actor_role", "decision")


def _state_of(violation: Violation, has_steps: bool) -> str:
    if violation.closed_on:
        return ViolationState.CLOSED
    if violation.decided_on:
        return ViolationState.DECIDED
    return ViolationState.HANDLING if has_steps else ViolationState.RECEIVED


def _check(violation: Violation) -> None:
    if violation.kind not in ViolationKind.values:
        raise ValidationError(_("Loại vi phạm không hợp lệ."))
    if not violation.summary.strip():
        raise ValidationError(_("Cần ghi hành vi vi phạm."))
    if violation.detected_on < violation.occurred_on:
        raise ValidationError(_("Ngày phát hiện không được trước ngày xảy ra."))
    if violation.decided_on:
        if violation.decided_on < violation.detected_on:
            raise ValidationError(_("Ngày quyết định không được trước ngày phát hiện."))
        if not violation.decision.strip():
            raise ValidationError(_("Cần ghi nội dung quyết định xử lý."))
    elif violation.decision.strip() or violation.decision_ref.strip():
        raise ValidationError(_("Cần ghi ngày quyết định xử lý."))
    if violation.outcome and violation.outcome not in ViolationOutcome.values:
        raise ValidationError(_("Kết quả xử lý không hợp lệ."))
    if violation.closed_on:
        if not (violation.decided_on and violation.outcome):
            raise ValidationError(_("Chỉ kết thúc được vi phạm đã có quyết định và kết quả xử lý."))
        if violation.closed_on < violation.decided_on:
            raise ValidationError(_("Ngày kết thúc không được trước ngày quyết định."))


def _apply(violation: Violation, changes: dict) -> None:
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise TypeError(f"violation: unknown fields {sorted(unknown)}")
    for name, value in changes.items():
        if name in _TEXT:
            value = redact((value or "").strip())
        elif name in ("decision_ref", "outcome"):
            value = (value or "").strip()
        setattr(violation, name, value)


@transaction.atomic
def violation_record(
    *,
    kind: str,
    summary: str,
    occurred_on: date,
    detected_on: date,
    handling_unit: Unit,
    items: Iterable = (),
    cases: Iterable = (),
    user=None,
    **fields,
) -> Violation:
    """Enter a violation in the register, with the monitoring items and cases it concerns."""
    violation = Violation(created_by=user, handling_unit=handling_unit)
    _apply(
        violation,
        {
            "kind": kind,
            "summary": summary,
            "occurred_on": occurred_on,
            "detected_on": detected_on,
            "description": "",
            "actor_role": "",
            "decision": "",
            "decision_ref": "",
            "outcome": "",
            **fields,
        },
    )
    _check(violation)
    violation.state = _state_of(violation, has_steps=False)
    violation.save()
    violation.items.set(items)
    violation.cases.set(cases)
    audit(violation, "responses.violation_record", user=user, data={"kind": kind})
    return violation


@transaction.atomic
def violation_update(
    *, violation: Violation, user=None, items: Iterable | None = None, cases=None, **changes
) -> Violation:
    """Edit the register entry: facts, decision (date, reference, text), outcome, closing."""
    current = Violation.objects.select_for_update().get(pk=violation.pk)
    before = current.state
    _apply(current, changes)
    _check(current)
    current.state = _state_of(current, has_steps=current.steps.exists())
    current.save()
    if items is not None:
        current.items.set(items)
    if cases is not None:
        current.cases.set(cases)
    action = (
        "responses.violation_decide"
        if current.state != before and current.state == ViolationState.DECIDED
        else "responses.violation_update"
    )
    audit(current, action, user=user, data={"state": current.state})
    return current


@transaction.atomic
def violation_step_add(
    *, violation: Violation, taken_on: date, action: str, unit: Unit | None = None, user=None
) -> ViolationStep:
    """Record a handling step; the first one moves a new entry to "đang xử lý"."""
    violation = Violation.objects.select_for_update().get(pk=violation.pk)
    if violation.state == ViolationState.CLOSED:
        raise ValidationError(_("Vi phạm đã kết thúc xử lý, không thêm bước xử lý."))
    if not action.strip():
        raise ValidationError(_("Cần ghi nội dung xử lý."))
    if taken_on < violation.detected_on:
        raise ValidationError(_("Ngày xử lý không được trước ngày phát hiện."))
    step = ViolationStep.objects.create(
        violation=violation,
        taken_on=taken_on,
        action=redact(action.strip()),
        unit=unit,
        created_by=user,
    )
    if violation.state == ViolationState.RECEIVED:
        violation.state = ViolationState.HANDLING
        violation.save(update_fields=["state"])
    audit(violation, "responses.violation_step", user=user, data={"step": step.pk})
    return step
