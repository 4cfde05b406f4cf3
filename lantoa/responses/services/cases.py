"""Writes for cases: opening, assignment, and every state transition (evidence: evidence.py).

Each transition is one service that checks the current state, changes it, and records who and when
(a CaseEvent for the timeline and an entry in Wagtail's audit log). A transition refused in the
current state raises CaseTransitionError with a Vietnamese sentence saying why.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.core.audit import audit
from lantoa.core.constants import Role
from lantoa.core.roles import user_has_role
from lantoa.core.text import clean_text
from lantoa.core.validators import web_url_message
from lantoa.people.selectors import on_call_user

from ..conf import sla_delta
from ..constants import (
    EDITABLE_STATES,
    REFUSALS,
    TRANSITIONS,
    CaseAction,
    CaseState,
    EventKind,
    OpenedFrom,
    Severity,
    Verdict,
)
from ..models import Appearance, Case, Correction
from . import pages
from .errors import CaseError, CasePermissionError, CaseTransitionError
from .events import case_event_record
from .evidence import AppearanceSpec, link_check


def _one_line(claim: str) -> str:
    claim = clean_text(claim, keep_paragraphs=False)
    if not claim:
        raise CaseError(_("Hãy nhập nội dung thông tin cần làm rõ (một dòng)."))
    if len(claim) > 300:
        raise CaseError(_("Nội dung thông tin cần làm rõ dài quá 300 ký tự; hãy tóm tắt lại."))
    return claim


def _check_responsible(user) -> None:
    if user is not None and not user_has_role(user, Role.RAPID_RESPONSE):
        raise CaseError(
            _("%(name)s không thuộc lực lượng phản ứng nhanh nên không thể phụ trách vụ việc.")
            % {"name": user.get_full_name() or user.username}
        )


@transaction.atomic
def case_open(
    *,
    claim: str,
    user,
    severity: str = Severity.MEDIUM,
    items: Iterable = (),
    appearances: Sequence[AppearanceSpec] = (),
    description: str = "",
    topics: Sequence[str] = (),
    responsible_user=None,
    responsible_unit=None,
    notes: str = "",
    detected_at: datetime | None = None,
    plan_item=None,
) -> Case:
    """Open a case from monitored items, or by hand from URLs or a description.

    Each item becomes an appearance (its URL and publication time). The case is due at
    detection time + the SLA of its severity. The responsible person defaults to the opener when
    they belong to the rapid-response team, else to the person on call that week in the people
    app's rapid-response roster.
    """
    claim = _one_line(claim)
    items = list(items)
    description = clean_text(description)
    if not items and not appearances and not description:
        raise CaseError(
            _("Vụ việc cần ít nhất một tin theo dõi, một đường dẫn nơi xuất hiện hoặc một mô tả.")
        )
    if severity not in Severity.values:
        raise CaseError(_("Mức độ «%(value)s» không hợp lệ.") % {"value": severity})
    if responsible_user is None and user is not None and user_has_role(user, Role.RAPID_RESPONSE):
        responsible_user = user
    now = timezone.now()
    detected_at = detected_at or now
    if responsible_user is None:
        responsible_user = on_call_user(
            day=timezone.localdate(detected_at), role=Role.RAPID_RESPONSE
        )
    _check_responsible(responsible_user)
    if responsible_unit is None and responsible_user is not None:
        responsible_unit = responsible_user.unit
    if detected_at > now:
        raise CaseError(_("Thời điểm phát hiện không thể ở tương lai."))
    case = Case.objects.create(
        claim=claim,
        description=description,
        opened_from=OpenedFrom.ITEMS if items else OpenedFrom.MANUAL,
        severity=severity,
        responsible_user=responsible_user,
        responsible_unit=responsible_unit,
        notes=notes,
        detected_at=detected_at,
        due_at=detected_at + sla_delta(severity),
        created_by=user,
        plan_item=plan_item,
    )
    if items:
        case.items.set(items)
    for item in items:
        Appearance.objects.create(
            case=case,
            url=item.url,
            appeared_at=item.published_at or item.fetched_at,
            outlet=item.source.name,
            item=item,
        )
    for spec in appearances:
        if not spec.url:
            raise CaseError(web_url_message())
        link_check(spec.url)
        Appearance.objects.create(
            case=case, url=spec.url, appeared_at=spec.appeared_at, outlet=spec.outlet
        )
    if topics:
        case.topics.set([clean_text(topic, keep_paragraphs=False) for topic in topics if topic])
        case.save()
    case_event_record(
        case,
        EventKind.OPENED,
        user=user,
        to_state=CaseState.DETECTED,
        data={"items": [item.pk for item in items]},
    )
    return case


@transaction.atomic
def case_assign(*, case: Case, user, responsible_user=None, responsible_unit=None) -> Case:
    """Hand the case to a rapid-response member and/or a unit."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_responsible(responsible_user)
    case.responsible_user = responsible_user
    case.responsible_unit = responsible_unit or (
        responsible_user.unit if responsible_user else None
    )
    case.save(update_fields=["responsible_user", "responsible_unit", "updated_at"])
    case_event_record(
        case,
        EventKind.ASSIGNED,
        user=user,
        data={
            "responsible_user": responsible_user.pk if responsible_user else None,
            "responsible_unit": case.responsible_unit_id,
        },
    )
    return case


@transaction.atomic
def case_update(*, case: Case, user, claim: str | None = None, severity: str | None = None) -> Case:
    """Change the claim or the severity (the due time follows the severity's SLA)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    changes = {}
    if claim is not None and _one_line(claim) != case.claim:
        if case.state not in EDITABLE_STATES:
            raise CaseTransitionError(
                _("Không được sửa nội dung thông tin khi bản làm rõ đã trình duyệt hoặc công bố.")
            )
        changes["claim"] = case.claim = _one_line(claim)
    if severity is not None and severity != case.severity:
        if severity not in Severity.values:
            raise CaseError(_("Mức độ «%(value)s» không hợp lệ.") % {"value": severity})
        changes["severity"] = case.severity = severity
        case.due_at = case.detected_at + sla_delta(severity)
    if changes:
        case.save()
        audit(case, "wagtail.edit", user=user, data=changes)
    return case


@transaction.atomic
def case_set_verdict(*, case: Case, user, verdict: str, note: str = "") -> Case:
    """Record the verdict of the verification; refused once the clarification left drafting."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if verdict not in Verdict.values:
        raise CaseError(_("Kết luận «%(value)s» không hợp lệ.") % {"value": verdict})
    if case.state not in EDITABLE_STATES:
        raise CaseTransitionError(
            _(
                "Không được sửa kết luận khi bản làm rõ đang chờ duyệt, đã duyệt hoặc đã công bố "
                "(trạng thái: %(state)s). Muốn thay đổi, hãy tạm dừng và đính chính công khai."
            )
            % {"state": case.get_state_display()}
        )
    if verdict == case.verdict:
        return case
    previous = case.verdict
    case.verdict = verdict
    case.save(update_fields=["verdict", "updated_at"])
    pages.clarification_sync_from_case(case=case, user=user)
    case_event_record(
        case, EventKind.VERDICT_SET, user=user, note=note, data={"from": previous, "to": verdict}
    )
    return case


# --- transitions ----------------------------------------------------------------------------


def _refusal(action: str, state: str) -> str:
    if message := REFUSALS.get((action, state)):
        return str(message)
    return _("Không thể «%(action)s» khi vụ việc đang ở trạng thái «%(state)s».") % {
        "action": CaseAction(action).label,
        "state": CaseState(state).label,
    }


def case_action_refusal(case: Case, action: str, user) -> CaseError | None:
    """Why `user` may not run `action` on `case` now (the error the service would raise), or None.

    The one set of rules for the services below and for the buttons of the case page: a button is
    shown only when this returns None.
    """
    if action not in TRANSITIONS:
        return CaseError(_("Không có thao tác «%(action)s».") % {"action": action})
    allowed_from, _to_state = TRANSITIONS[action]
    if case.state not in allowed_from:
        return CaseTransitionError(_refusal(action, case.state))
    if action == CaseAction.APPROVE and not user_has_role(user, Role.LEADER):
        return CasePermissionError(_("Chỉ lãnh đạo mới được duyệt bản làm rõ."))
    if action == CaseAction.SUBMIT_FOR_APPROVAL:
        if case.verdict == Verdict.UNDETERMINED:
            return CaseError(_("Hãy ghi kết luận xác minh trước khi trình lãnh đạo duyệt."))
        if case.clarification_id is None:
            return CaseError(_("Hãy soạn trang làm rõ trước khi trình lãnh đạo duyệt."))
    if action == CaseAction.PUBLISH and case.clarification_id is None:
        return CaseError(_("Chưa có trang làm rõ để công bố."))
    return None


def case_actions_allowed(case: Case, user) -> list[str]:
    """The actions `user` may run on `case` now, in the order of CaseAction."""
    return [action for action in CaseAction if case_action_refusal(case, action, user) is None]


def _check_allowed(case: Case, action: str, user) -> None:
    if (error := case_action_refusal(Case.objects.get(pk=case.pk), action, user)) is not None:
        raise error


def _transition(case: Case, action: str, *, user, note: str = "", data=None) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    allowed_from, to_state = TRANSITIONS[action]
    if case.state not in allowed_from:
        raise CaseTransitionError(_refusal(action, case.state))
    now = timezone.now()
    from_state = case.state
    case.state = to_state
    if case.first_action_at is None:
        case.first_action_at = now
    if to_state == CaseState.APPROVED:
        case.approved_at = now
    if to_state == CaseState.PUBLISHED and case.published_at is None:
        case.published_at = now
    if to_state in (CaseState.CLOSED, CaseState.NOT_APPLICABLE):
        case.closed_at = now
    case.save()
    case_event_record(
        case, action, user=user, note=note, data=data, from_state=from_state, to_state=to_state
    )
    return case


def _require_note(note: str, message: str) -> str:
    note = clean_text(note or "")
    if not note:
        raise CaseError(message)
    return note


@transaction.atomic
def case_start_verification(*, case: Case, user, note: str = "") -> Case:
    return _transition(case, CaseAction.START_VERIFICATION, user=user, note=note)


@transaction.atomic
def case_draft(*, case: Case, user, note: str = "") -> Case:
    return _transition(case, CaseAction.DRAFT, user=user, note=note)


@transaction.atomic
def case_submit_for_approval(*, case: Case, user, note: str = "") -> Case:
    """Send the drafted clarification to a leader (starts the page's Wagtail workflow)."""
    _check_allowed(case, CaseAction.SUBMIT_FOR_APPROVAL, user)
    case = _transition(case, CaseAction.SUBMIT_FOR_APPROVAL, user=user, note=note)
    pages.clarification_workflow_start(case=case, user=user)
    return case


@transaction.atomic
def case_return_to_drafting(*, case: Case, user, note: str = "") -> Case:
    """The leader asked for changes (or the workflow was cancelled)."""
    return _transition(case, CaseAction.RETURN_TO_DRAFTING, user=user, note=note)


@transaction.atomic
def case_approve(*, case: Case, user, note: str = "") -> Case:
    """A leader approves; the page's workflow task is approved with it (Wagtail then publishes)."""
    _check_allowed(case, CaseAction.APPROVE, user)
    case = _transition(case, CaseAction.APPROVE, user=user, note=note)
    pages.clarification_workflow_approve(case=case, user=user)
    return Case.objects.get(pk=case.pk)


@transaction.atomic
def case_publish(*, case: Case, user, note: str = "") -> Case:
    """Publish the approved clarification page; refused before a leader's approval."""
    _check_allowed(case, CaseAction.PUBLISH, user)
    case = _transition(case, CaseAction.PUBLISH, user=user, note=note)
    pages.clarification_publish(case=case, user=user)
    return case


@transaction.atomic
def case_close(*, case: Case, user, note: str = "") -> Case:
    return _transition(case, CaseAction.CLOSE, user=user, note=note)


@transaction.atomic
def case_mark_not_applicable(*, case: Case, user, note: str = "") -> Case:
    note = _require_note(note, _("Hãy ghi lý do không cần xử lý vụ việc."))
    return _transition(case, CaseAction.MARK_NOT_APPLICABLE, user=user, note=note)


@transaction.atomic
def case_pause(*, case: Case, user, note: str = "") -> Case:
    """Take a published clarification off the public site until it is corrected."""
    note = _require_note(note, _("Hãy ghi lý do tạm dừng bản làm rõ."))
    case = _transition(case, CaseAction.PAUSE, user=user, note=note)
    pages.clarification_unpublish(case=case, user=user)
    return case


@transaction.atomic
def case_correct(*, case: Case, user, note: str = "", verdict: str | None = None) -> Case:
    """Correct a paused clarification: the correction is recorded and shown on the page, the
    verdict may change, and the page goes back to drafting for a new approval."""
    note = _require_note(note, _("Hãy ghi nội dung đính chính (sẽ được công khai)."))
    current = Case.objects.get(pk=case.pk)
    new_verdict = verdict or current.verdict
    if new_verdict not in Verdict.values:
        raise CaseError(_("Kết luận «%(value)s» không hợp lệ.") % {"value": new_verdict})
    case = _transition(
        case,
        CaseAction.CORRECT,
        user=user,
        note=note,
        data={"from": current.verdict, "to": new_verdict},
    )
    Correction.objects.create(
        case=case,
        note=note,
        previous_verdict=current.verdict,
        new_verdict=new_verdict,
        created_by=user,
    )
    case.verdict = new_verdict
    case.save(update_fields=["verdict", "updated_at"])
    pages.clarification_sync_from_case(case=case, user=user)
    return case


ACTION_SERVICES = {
    CaseAction.START_VERIFICATION: case_start_verification,
    CaseAction.DRAFT: case_draft,
    CaseAction.SUBMIT_FOR_APPROVAL: case_submit_for_approval,
    CaseAction.RETURN_TO_DRAFTING: case_return_to_drafting,
    CaseAction.APPROVE: case_approve,
    CaseAction.PUBLISH: case_publish,
    CaseAction.CLOSE: case_close,
    CaseAction.MARK_NOT_APPLICABLE: case_mark_not_applicable,
    CaseAction.PAUSE: case_pause,
    CaseAction.CORRECT: case_correct,
}


def case_act(*, case: Case, action: str, user, note: str = "", verdict: str | None = None):
    """Run the transition named `action` (used by the API and the admin buttons)."""
    if action not in ACTION_SERVICES:
        raise CaseError(_("Không có thao tác «%(action)s».") % {"action": action})
    if action == CaseAction.CORRECT:
        return case_correct(case=case, user=user, note=note, verdict=verdict)
    return ACTION_SERVICES[action](case=case, user=user, note=note)
