"""Inspection, supervision and urging (IV.3): plans, visits, findings, recommendations.

A recommendation creates a real task (`task_create`) for the unit that must act on it, so the
follow-up, reminders and the task figures of the annual report count it like any other task.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantoa.core.audit import audit
from lantoa.core.models import Unit

from ..constants import FindingKind, InspectionKind
from ..models import (
    InspectionFinding,
    InspectionPlan,
    InspectionRecommendation,
    InspectionVisit,
    Plan,
    PlanSection,
)
from .work import task_create

_TITLE = 255


@transaction.atomic
def inspection_plan_create(
    *,
    title: str,
    year: int,
    inspecting_unit: Unit,
    start: date,
    end: date,
    kind: str = InspectionKind.CHECK,
    plan: Plan | None = None,
    source_section: PlanSection | None = None,
    notes: str = "",
    user=None,
) -> InspectionPlan:
    """Draw up a plan of inspections for a year."""
    if not title.strip():
        raise ValidationError(_("Kế hoạch kiểm tra cần có tên."))
    if end < start:
        raise ValidationError(_("Ngày kết thúc không được trước ngày bắt đầu."))
    if source_section is not None and plan is not None and source_section.plan_id != plan.pk:
        raise ValidationError(_("Mục kế hoạch không thuộc kế hoạch đã chọn."))
    inspection = InspectionPlan.objects.create(
        title=title.strip()[:_TITLE],
        kind=kind,
        year=year,
        plan=plan or (source_section.plan if source_section else None),
        source_section=source_section,
        inspecting_unit=inspecting_unit,
        start=start,
        end=end,
        notes=notes,
        created_by=user,
    )
    audit(inspection, "plans.inspection_plan", user=user, data={"year": year})
    return inspection


@transaction.atomic
def inspection_visit_record(
    *,
    inspection: InspectionPlan,
    unit: Unit,
    planned_on: date,
    held_on: date | None = None,
    team: str = "",
    summary: str = "",
    user=None,
) -> InspectionVisit:
    """Schedule a visit to a unit, or record one held (`held_on`)."""
    if held_on is not None and held_on < inspection.start:
        raise ValidationError(_("Ngày kiểm tra không được trước ngày bắt đầu của kế hoạch."))
    if unit.pk == inspection.inspecting_unit_id:
        raise ValidationError(_("Đơn vị kiểm tra không tự kiểm tra chính mình."))
    visit = InspectionVisit.objects.create(
        inspection=inspection,
        unit=unit,
        planned_on=planned_on,
        held_on=held_on,
        team=team,
        summary=summary,
    )
    audit(visit, "plans.inspection_visit", user=user, data={"unit": unit.code})
    return visit


@transaction.atomic
def inspection_finding_record(
    *, visit: InspectionVisit, kind: str, text: str, user=None
) -> InspectionFinding:
    if visit.held_on is None:
        raise ValidationError(_("Cuộc kiểm tra chưa diễn ra: cần ghi ngày kiểm tra trước."))
    if kind not in FindingKind.values:
        raise ValidationError(_("Loại kết quả kiểm tra không hợp lệ."))
    if not text.strip():
        raise ValidationError(_("Cần ghi nội dung kết quả kiểm tra."))
    finding = InspectionFinding.objects.create(visit=visit, kind=kind, text=text.strip())
    audit(visit, "plans.inspection_finding", user=user, data={"kind": kind})
    return finding


def _task_title(text: str) -> str:
    title = _("Khắc phục sau kiểm tra: %(text)s") % {"text": " ".join(text.split())}
    return title if len(title) <= _TITLE else title[: _TITLE - 1].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def inspection_recommend(
    *,
    visit: InspectionVisit,
    text: str,
    unit: Unit,
    due_date: date,
    finding: InspectionFinding | None = None,
    user=None,
) -> InspectionRecommendation:
    """Record a recommendation and create the follow-up task of the unit that must act on it."""
    if visit.held_on is None:
        raise ValidationError(_("Cuộc kiểm tra chưa diễn ra: cần ghi ngày kiểm tra trước."))
    if not text.strip():
        raise ValidationError(_("Cần ghi nội dung kiến nghị."))
    if due_date < visit.held_on:
        raise ValidationError(_("Hạn khắc phục không được trước ngày kiểm tra."))
    if finding is not None and finding.visit_id != visit.pk:
        raise ValidationError(_("Kết quả kiểm tra này không thuộc cuộc kiểm tra đã chọn."))
    inspection = visit.inspection
    task = task_create(
        title=_task_title(text),
        text=_("Kiến nghị của %(plan)s tại %(unit)s ngày %(date)s: %(text)s")
        % {
            "plan": inspection.title,
            "unit": visit.unit,
            "date": f"{visit.held_on:%d/%m/%Y}",
            "text": text.strip(),
        },
        lead_unit=unit,
        start_date=visit.held_on,
        due_date=due_date,
        plan=inspection.plan,
        source_section=inspection.source_section,
        user=user,
    )
    recommendation = InspectionRecommendation.objects.create(
        visit=visit, finding=finding, text=text.strip(), unit=unit, due_date=due_date, task=task
    )
    audit(recommendation, "plans.inspection_recommend", user=user, data={"task": task.pk})
    return recommendation
