"""III.2 the violations register: admin forms → services (redaction, states) → annual report."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from lantoa.core.reporting import ReportContext
from lantoa.responses.models import Violation
from lantoa.responses.permissions import permissions_grant
from lantoa.responses.report_sections import violations_section
from lantoa.responses.services import violation_record, violation_step_add

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


def test_a_unit_reporter_sees_only_their_units_violations(client, unit_reporter, demo_ward):
    """Like the plan lists: a unit reporter given the register sees the violations of their
    unit (where it happened or who handles it), and another unit's answers 404."""
    units = demo_ward
    own, other = unit_reporter.unit, units["ubnd"]
    assert own != other
    unit_reporter.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_violation", "view_violationstep"])
    )
    facts = {"kind": "staff_social_media", "occurred_on": date(2026, 3, 1)}
    mine = violation_record(
        summary="Vi phạm của đơn vị mình", detected_on=date(2026, 3, 2), handling_unit=own,
        unit=other, **facts,
    )  # fmt: skip
    theirs = violation_record(
        summary="Vi phạm của đơn vị khác", detected_on=date(2026, 3, 2), handling_unit=other,
        unit=other, **facts,
    )  # fmt: skip
    violation_step_add(violation=theirs, taken_on=date(2026, 3, 3), action="Gỡ bài", unit=other)
    client.force_login(unit_reporter)

    listing = client.get(reverse("wagtailsnippets_responses_violation:list")).content.decode()
    assert mine.summary in listing and theirs.summary not in listing
    inspect = "wagtailsnippets_responses_violation:inspect"
    assert client.get(reverse(inspect, args=[mine.pk])).status_code == 200
    assert client.get(reverse(inspect, args=[theirs.pk])).status_code == 404
    steps = client.get(reverse("wagtailsnippets_responses_violationstep:list")).content.decode()
    assert "Gỡ bài" not in steps
