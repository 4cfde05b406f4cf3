"""Deadline watch: warn the responsible person before the SLA runs out, tell the leaders after.

Each warning or escalation reaches a person as a DeadlineNotice (in-app) and an e-mail."""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.core.constants import Role
from lantoa.core.models import User

from ..conf import sla_alert_ratio
from ..constants import OPEN_STATES, EventKind
from ..models import Case, DeadlineNotice
from .events import case_event_record


def _case_url(case: Case) -> str:
    path = reverse("wagtailsnippets_responses_case:inspect", args=[case.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _deadline_notices_send(case: Case, recipients, kind: str, subject: str, body: str) -> int:
    """One DeadlineNotice per active recipient, and one e-mail to those with an address."""
    recipients = [user for user in recipients if user is not None and user.is_active]
    for user in recipients:
        DeadlineNotice.objects.create(recipient=user, case=case, kind=kind, message=subject)
    emails = sorted({user.email for user in recipients if user.email})
    if emails:
        # on_commit: no mail for a check that rolls back.
        transaction.on_commit(lambda: send_mail(subject, body, None, emails, fail_silently=False))
    return len(recipients)


def _leaders():
    return User.objects.filter(groups__name=Role.LEADER.value, is_active=True).distinct()


@transaction.atomic
def cases_check_deadlines(*, now: datetime | None = None) -> dict[str, int]:
    """Warn once when a case passes the alert share of its SLA; escalate once on breach.

    Idempotent: `alerted_at`/`escalated_at` mark what was already sent.
    """
    now = now or timezone.now()
    ratio = sla_alert_ratio()
    alerted = escalated = 0
    open_cases = (
        Case.objects.select_for_update(of=("self",))
        .filter(state__in=OPEN_STATES)
        .select_related("responsible_user", "responsible_unit")
    )
    for case in open_cases:
        due_local = timezone.localtime(case.due_at).strftime("%H:%M ngày %d/%m/%Y")
        if case.due_at <= now and case.escalated_at is None:
            subject = _("Quá hạn làm rõ thông tin: %(claim)s") % {"claim": case.claim}
            body = _(
                "Vụ việc «%(claim)s» (mức độ %(severity)s) đã quá hạn công bố lúc %(due)s, "
                "hiện ở trạng thái «%(state)s». Người phụ trách: %(who)s.\n%(url)s"
            ) % {
                "claim": case.claim,
                "severity": case.get_severity_display(),
                "due": due_local,
                "state": case.get_state_display(),
                "who": case.responsible_user.get_full_name() if case.responsible_user else "—",
                "url": _case_url(case),
            }
            _deadline_notices_send(
                case, [*_leaders(), case.responsible_user], EventKind.SLA_ESCALATED, subject, body
            )
            case.escalated_at = now
            case.alerted_at = case.alerted_at or now
            case.save(update_fields=["escalated_at", "alerted_at", "updated_at"])
            case_event_record(case, EventKind.SLA_ESCALATED, user=None, note=subject)
            escalated += 1
            continue
        alert_at = case.detected_at + (case.due_at - case.detected_at) * ratio
        if case.alerted_at is None and alert_at <= now < case.due_at:
            subject = _("Sắp đến hạn làm rõ thông tin (%(due)s): %(claim)s") % {
                "due": due_local,
                "claim": case.claim,
            }
            body = _("Vụ việc «%(claim)s» cần được công bố trước %(due)s.\n%(url)s") % {
                "claim": case.claim,
                "due": due_local,
                "url": _case_url(case),
            }
            recipients = [case.responsible_user] if case.responsible_user else list(_leaders())
            _deadline_notices_send(case, recipients, EventKind.SLA_ALERT, subject, body)
            case.alerted_at = now
            case.save(update_fields=["alerted_at", "updated_at"])
            case_event_record(case, EventKind.SLA_ALERT, user=None, note=subject)
            alerted += 1
    return {"alerted": alerted, "escalated": escalated}
