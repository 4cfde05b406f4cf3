"""III.2 the violations register: admin forms → services (redaction, states) → annual report."""

import pytest
from django.urls import reverse

from lantoa.core.reporting import ReportContext
from lantoa.responses.models import Violation
from lantoa.responses.permissions import permissions_grant
from lantoa.responses.report_sections import violations_section

from .factories import ItemFactory

pytestmark = pytest.mark.django_db


def test_a_violation_is_recorded_handled_decided_and_counted(client, monitor, leader, demo_ward):
    permissions_grant()
    units = demo_ward
    item = ItemFactory()
    client.force_login(monitor)
    form = {
        "kind": "staff_social_media",
        "summary": "Đăng tải thông tin chưa được phép về đoàn khách nước ngoài",
        "description": "Tài khoản cá nhân đăng lịch làm việc; liên hệ 0905 123 456, a@b.vn.",
        "occurred_on": "2026-03-02",
        "detected_on": "2026-03-01",
        "unit": units["ubnd"].pk,
        "actor_role": "cán bộ phường",
        "handling_unit": units["ban-xay-dung-dang"].pk,
        "items": [item.pk],
        "decided_on": "",
        "decision_ref": "",
        "decision": "",
        "outcome": "",
        "closed_on": "",
    }
    add = reverse("wagtailsnippets_responses_violation:add")
    response = client.post(add, form)
    assert "Ngày phát hiện không được trước ngày xảy ra." in response.content.decode()
    assert not Violation.objects.exists()
    form["detected_on"] = "2026-03-03"
    response = client.post(add, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    violation = Violation.objects.get()
    assert "0905" not in violation.description and "a@b.vn" not in violation.description
    assert "[số điện thoại đã ẩn]" in violation.description
    assert list(violation.items.all()) == [item] and violation.state == "received"

    response = client.post(
        reverse("wagtailsnippets_responses_violationstep:add"),
        {
            "violation": violation.pk,
            "taken_on": "2026-03-04",
            "action": "Làm việc với đơn vị, yêu cầu gỡ bài",
            "unit": units["ubnd"].pk,
        },
    )
    assert response.status_code == 302
    violation.refresh_from_db()
    assert violation.state == "handling"

    client.force_login(leader)
    edit = reverse("wagtailsnippets_responses_violation:edit", args=[violation.pk])
    form.update(closed_on="2026-03-20")
    response = client.post(edit, form)
    assert "Chỉ kết thúc được vi phạm đã có quyết định" in response.content.decode()
    form.update(
        decided_on="2026-03-10",
        decision_ref="12/TB-UBND",
        decision="Phê bình, yêu cầu gỡ bài và kiểm điểm",
        outcome="criticised",
        closed_on="",
    )
    assert client.post(edit, form).status_code == 302
    violation.refresh_from_db()
    assert (violation.state, violation.outcome) == ("decided", "criticised")

    section = violations_section(ReportContext.for_year(2026))
    assert section.figures["violations"] == 1 and section.figures["decided"] == 1
    assert section.figures["staff_social_media"] == 1
    assert "phát hiện 1 vụ vi phạm" in section.paragraphs[0]
    assert section.tables[0].rows == [["Phê bình, kiểm điểm", 1]]
    empty = violations_section(ReportContext.for_year(2025))
    assert empty.figures["violations"] == 0
