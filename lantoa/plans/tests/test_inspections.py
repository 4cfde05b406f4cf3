"""IV.3 inspection, supervision and urging: admin forms → services → follow-up tasks → report."""

from datetime import date

import pytest
from django.urls import reverse

from lantoa.core.models import User
from lantoa.core.reporting import ReportContext
from lantoa.plans.constants import Bucket
from lantoa.plans.models import (
    InspectionFinding,
    InspectionPlan,
    InspectionRecommendation,
    InspectionVisit,
    Task,
)
from lantoa.plans.permissions import permissions_grant
from lantoa.plans.report_sections import inspections
from lantoa.plans.selectors import task_bucket

pytestmark = pytest.mark.django_db


def test_inspection_cycle_through_the_admin_creates_real_follow_up_tasks(client, demo_ward):
    permissions_grant()
    units = demo_ward
    client.force_login(User.objects.get(username="xaydungdang"))
    response = client.post(
        reverse("wagtailsnippets_plans_inspectionplan:add"),
        {
            "title": "Kiểm tra thực hiện kế hoạch thông tin đối ngoại năm 2026",
            "kind": "check",
            "year": "2026",
            "inspecting_unit": units["ban-xay-dung-dang"].pk,
            "start": "2026-08-01",
            "end": "2026-11-30",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    inspection = InspectionPlan.objects.get()
    add_visit = reverse("wagtailsnippets_plans_inspectionvisit:add")
    visit_form = {
        "inspection": inspection.pk,
        "unit": units["mttq"].pk,
        "planned_on": "2026-09-10",
        "held_on": "",
        "team": "Trưởng ban (trưởng đoàn)",
        "summary": "",
    }
    assert client.post(add_visit, visit_form).status_code == 302
    planned = InspectionVisit.objects.get()
    # A finding on a visit not yet held is refused with a message; nothing saved.
    add_finding = reverse("wagtailsnippets_plans_inspectionfinding:add")
    response = client.post(
        add_finding, {"visit": planned.pk, "kind": "shortcoming", "text": "Thiếu biên bản."}
    )
    assert response.status_code == 200
    assert "Cuộc kiểm tra chưa diễn ra" in response.content.decode()
    assert not InspectionFinding.objects.exists()

    visit_form.update(held_on="2026-09-10", unit=units["hoi-phu-nu"].pk)
    assert client.post(add_visit, visit_form).status_code == 302
    visit = InspectionVisit.objects.get(held_on__isnull=False)
    for kind, text in [("strength", "Quán triệt đầy đủ."), ("shortcoming", "Thiếu biên bản.")]:
        response = client.post(add_finding, {"visit": visit.pk, "kind": kind, "text": text})
        assert response.status_code == 302
    gap = InspectionFinding.objects.get(kind="shortcoming")
    add_recommendation = reverse("wagtailsnippets_plans_inspectionrecommendation:add")
    form = {
        "visit": visit.pk,
        "finding": gap.pk,
        "text": "Bổ sung biên bản các buổi quán triệt",
        "unit": units["hoi-phu-nu"].pk,
        "due_date": "2026-08-01",
    }
    response = client.post(add_recommendation, form)
    assert "Hạn khắc phục không được trước ngày kiểm tra." in response.content.decode()
    assert not Task.objects.exists()
    form["due_date"] = "2026-10-15"
    assert client.post(add_recommendation, form).status_code == 302
    recommendation = InspectionRecommendation.objects.get()
    task = recommendation.task
    assert task.lead_unit.code == "hoi-phu-nu"
    assert task.title == "Khắc phục sau kiểm tra: Bổ sung biên bản các buổi quán triệt"
    assert list(task.periods.values_list("due", flat=True)) == [date(2026, 10, 15)]
    assert task_bucket(task, as_of=date(2026, 10, 20)) == Bucket.OPEN_OVERDUE

    section = inspections(ReportContext.for_year(2026))
    assert section.figures == {
        "visits": 1,
        "units": 1,
        "findings_shortcoming": 1,
        "findings_violation": 0,
        "recommendations": 1,
        "recommendations_done": 0,
        "recommendations_overdue": 1 if date.today() > date(2026, 10, 15) else 0,
    }
    assert "đã tiến hành 1 cuộc kiểm tra, giám sát tại 1 đơn vị" in section.paragraphs[0]
    assert section.tables[0].rows == [
        [1, "10/09/2026", units["hoi-phu-nu"].name, inspection.title, 2, 1]
    ]

    # The inspected unit's reporter sees their own visit and recommendation, not another's.
    client.force_login(User.objects.get(username="mttq"))
    listing = client.get(reverse("wagtailsnippets_plans_inspectionvisit:list"))
    assert listing.status_code == 200
    other = reverse("wagtailsnippets_plans_inspectionvisit:inspect", args=[visit.pk])
    assert client.get(other).status_code == 404
