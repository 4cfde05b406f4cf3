"""Deadline notices before the SLA runs out and escalation to leaders after, in-app and e-mail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from lantoa.responses import tasks
from lantoa.responses.constants import Severity
from lantoa.responses.models import Case, DeadlineNotice

from .helpers import open_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_warning_then_an_escalation_are_each_sent_once(demo_ward, monitor, leader, settings):
    monitor.email, leader.email = "theodoi@example.invalid", "lanhdao@example.invalid"
    monitor.save()
    leader.save()
    case = open_case(
        monitor, severity=Severity.CRITICAL, detected_at=timezone.now() - timedelta(hours=20)
    )
    fresh = open_case(monitor, severity=Severity.LOW)

    assert tasks.cases_check_deadlines_task.apply().get() == {"alerted": 1, "escalated": 0}
    notice = DeadlineNotice.objects.get()
    assert notice.recipient == monitor and notice.case == case and "Sắp đến hạn" in notice.message
    assert [m.to for m in mail.outbox] == [["theodoi@example.invalid"]]
    assert tasks.cases_check_deadlines_task.apply().get() == {"alerted": 0, "escalated": 0}

    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    assert tasks.cases_check_deadlines_task.apply().get() == {"alerted": 0, "escalated": 1}
    escalations = DeadlineNotice.objects.filter(kind="sla_escalated")
    assert {n.recipient.username for n in escalations} >= {"lanhdao", "xaydungdang", "theodoi"}
    assert "Quá hạn" in mail.outbox[-1].subject
    assert sorted(mail.outbox[-1].to) == ["lanhdao@example.invalid", "theodoi@example.invalid"]
    assert tasks.cases_check_deadlines_task.apply().get() == {"alerted": 0, "escalated": 0}
    assert case.events.filter(kind="sla_escalated").count() == 1
    assert not fresh.deadline_notices.exists()


def test_the_warning_share_comes_from_settings(demo_ward, monitor, settings):
    settings.LANTOA_SLA_ALERT_RATIO = 0.1
    open_case(monitor, severity=Severity.CRITICAL, detected_at=timezone.now() - timedelta(hours=3))
    assert tasks.cases_check_deadlines_task.apply().get()["alerted"] == 1
