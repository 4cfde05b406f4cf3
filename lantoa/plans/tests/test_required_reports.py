"""IV.1 required reports: due date, reminded while missing, received through the admin."""

from datetime import date

import pytest
from django.urls import reverse

from lantoa.core.models import User
from lantoa.core.reporting import ReportContext
from lantoa.plans.models import Notification, RequiredReport
from lantoa.plans.permissions import permissions_grant
from lantoa.plans.report_sections import tasks
from lantoa.plans.selectors import required_report_status
from lantoa.plans.services import followup_run

pytestmark = pytest.mark.django_db


def test_required_report_is_reminded_while_missing_and_received_in_the_admin(client, demo_ward):
    permissions_grant()
    units = demo_ward
    client.force_login(User.objects.get(username="xaydungdang"))
    form = {
        "title": "Báo cáo năm của UBND phường về công tác thông tin đối ngoại",
        "plan": "",
        "source_section": "",
        "reporting_unit": units["ubnd"].pk,
        "recipient": "Ban Thường vụ Đảng ủy",
        "year": "2026",
        "due_date": "2026-11-15",
        "received_on": "",
        "received_number": "",
    }
    response = client.post(reverse("wagtailsnippets_plans_requiredreport:add"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    report = RequiredReport.objects.get()
    assert report.task.lead_unit.code == "ubnd"
    assert report.task.title.startswith("Gửi Báo cáo năm của UBND phường")
    assert required_report_status(report, as_of=date(2026, 11, 1)) == "pending"

    # Missing after its due date: the daily follow-up reminds the reporting unit.
    followup_run(as_of=date(2026, 11, 10), send_email=False)
    followup_run(as_of=date(2026, 11, 20), send_email=False)
    kinds = set(Notification.objects.filter(task=report.task).values_list("kind", flat=True))
    assert kinds == {"due_soon", "overdue"}
    assert required_report_status(report, as_of=date(2026, 11, 20)) == "missing"
    section = tasks(ReportContext.for_year(2026))
    assert section.figures["required_missing"] == 1
    assert "quá hạn chưa nhận 1 (Báo cáo năm của UBND phường" in section.paragraphs[-1]

    # Received (late) with the number it came with: the task is completed that day.
    edit = reverse("wagtailsnippets_plans_requiredreport:edit", args=[report.pk])
    response = client.post(edit, {**form, "received_number": "45/BC-UBND"})
    assert "Cần ghi ngày nhận báo cáo." in response.content.decode()
    form.update(received_on="2026-11-18", received_number="45/BC-UBND")
    assert client.post(edit, form).status_code == 302
    report.refresh_from_db()
    report.task.refresh_from_db()
    assert (report.task.state, report.task.completed_on) == ("completed", date(2026, 11, 18))
    assert required_report_status(report) == "received_late"
    section = tasks(ReportContext.for_year(2026))
    assert section.figures["required_received"] == 1
    assert section.figures["required_missing"] == 0
