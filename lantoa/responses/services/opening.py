"""Opening a case: from monitored items or by hand, with its first claim; refused when the claim
is already known (its case is named instead), so one claim never gets two cases."""

from collections.abc import Iterable, Sequence
from datetime import datetime

from celery import current_app
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.core.constants import Role
from lantoa.core.roles import user_has_role
from lantoa.core.tasks import task_send_on_commit
from lantoa.core.text import clean_text
from lantoa.core.validators import web_url_message
from lantoa.people.selectors import on_call_user

from ..conf import sla_delta
from ..constants import CaseState, EventKind, OpenedFrom, Severity
from ..models import Appearance, Case, Claim
from .claims import claim_known_case
from .errors import CaseError
from .events import case_event_record
from .evidence import AppearanceSpec, link_check


def claim_one_line(claim: str) -> str:
    claim = clean_text(claim, keep_paragraphs=False)
    if not claim:
        raise CaseError(_("Hãy nhập nội dung thông tin cần làm rõ (một dòng)."))
    if len(claim) > 300:
        raise CaseError(_("Nội dung thông tin cần làm rõ dài quá 300 ký tự; hãy tóm tắt lại."))
    return claim


def responsible_check(user) -> None:
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
    claim = claim_one_line(claim)
    items = list(items)
    known = claim_known_case(claim=claim, items=items)
    if known is not None:
        raise CaseError(
            _(
                "Thông tin này đã có vụ việc #%(id)s «%(claim)s»; tin mới được ghi là lần xuất "
                "hiện lại của vụ việc đó, không mở vụ việc mới."
            )
            % {"id": known.pk, "claim": known.claim}
        )
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
    responsible_check(responsible_user)
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
        plan_item=plan_item,
        due_at=detected_at + sla_delta(severity),
        created_by=user,
    )
    Claim.objects.create(case=case, text=claim, language="vi", sort_order=0)
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
    claims_scan_later(case)
    return case


def claims_scan_later(case: Case) -> None:
    """Match the stored items of the last days against the case's claims, after the commit."""
    task_send_on_commit(
        current_app.signature("lantoa.responses.tasks.claims_scan_task"),
        case.pk,
        on_refused=lambda: None,  # the next item of the stream is matched all the same
    )
