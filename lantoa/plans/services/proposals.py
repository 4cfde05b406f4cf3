"""Proposed items the officer accepted on the import review screen become tasks, required
reports (IV.1: the yearly report to the Standing Committee, with its follow-up task) or
inspection plans (IV.3: kiểm tra, giám sát), each through its own service."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lantoa.core.audit import audit
from lantoa.core.constants import UnitKind
from lantoa.core.models import Unit
from lantoa.core.text import fold_lower

from ..constants import DeadlineKind, ProposalKind
from ..models import InspectionPlan, Plan, RequiredReport, Task
from .inspections import inspection_plan_create
from .required import required_report_create
from .work import _title_from, task_create


@dataclass
class TaskDecision:
    """The officer's choice for one proposed task on the review screen. A unit is a registry
    code, or "new:<name>" for a unit the plan names and the registry lacks."""

    path: str
    title: str
    lead: str
    coordinating: list[str] = field(default_factory=list)
    deadline_kind: str = DeadlineKind.DATE
    due_date: date | None = None
    text: str = ""
    kind: str = ProposalKind.TASK
    recipient: str = ""


NEW_UNIT = "new:"


def _unit_for(choice: str, created: dict[str, Unit], user) -> Unit | None:
    """A registry unit by code, or the unit created for a "new:<name>" choice (once per name)."""
    if not choice:
        return None
    if not choice.startswith(NEW_UNIT):
        return Unit.objects.filter(code=choice, is_active=True).first()
    name = choice[len(NEW_UNIT) :].strip()[:255]
    if not name:
        return None
    if name in created:
        return created[name]
    existing = Unit.objects.filter(name__iexact=name).first()
    if existing is not None:
        created[name] = existing
        return existing
    base = slugify(fold_lower(name))[:56] or "don-vi"
    code, n = base, 1
    while Unit.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    unit = Unit.objects.create(code=code, name=name, kind=UnitKind.OTHER)
    audit(unit, "plans.unit_create_from_plan", user=user, data={"name": name})
    created[name] = unit
    return unit


@transaction.atomic
def plan_proposals_accept(
    *, plan: Plan, decisions: Iterable[TaskDecision], start_date: date, default_due: date, user=None
) -> list[Task | RequiredReport | InspectionPlan]:
    """Create what the officer accepted on the review screen — tasks, required reports, inspection
    plans — with the units they chose (creating the units the plan names and the registry lacks).
    All or nothing."""
    created_units: dict[str, Unit] = {}
    sections = {section.path: section for section in plan.sections.all()}
    created: list[Task | RequiredReport | InspectionPlan] = []
    for decision in decisions:
        lead = _unit_for(decision.lead, created_units, user)
        if lead is None:
            raise ValidationError(
                _("Mục %(path)s: cần chọn đơn vị chủ trì trước khi tạo nhiệm vụ.")
                % {"path": decision.path}
            )
        kind = decision.deadline_kind
        due = decision.due_date or default_due
        title = decision.title or _title_from(decision.text)
        section = sections.get(decision.path)
        if decision.kind == ProposalKind.REQUIRED_REPORT:
            created.append(
                required_report_create(
                    title=title,
                    reporting_unit=lead,
                    year=due.year,
                    due_date=due,
                    recipient=decision.recipient or "Ban Thường vụ Đảng ủy",
                    plan=plan,
                    source_section=section,
                    start_date=min(start_date, due),
                    user=user,
                )
            )
            continue
        if decision.kind == ProposalKind.INSPECTION_PLAN:
            # A periodic inspection ("định kỳ 6 tháng") covers the year the plan starts in.
            end = due if kind == DeadlineKind.DATE else date(start_date.year, 12, 31)
            created.append(
                inspection_plan_create(
                    title=title,
                    year=end.year,
                    inspecting_unit=lead,
                    start=min(start_date, end),
                    end=end,
                    plan=plan,
                    source_section=section,
                    notes=decision.text,
                    user=user,
                )
            )
            continue
        partners = [_unit_for(choice, created_units, user) for choice in decision.coordinating]
        created.append(
            task_create(
                title=title,
                text=decision.text,
                lead_unit=lead,
                coordinating_units=[unit for unit in partners if unit is not None],
                deadline_kind=kind,
                start_date=min(start_date, due) if kind == DeadlineKind.DATE else start_date,
                due_date=due,
                end_date=due if kind != DeadlineKind.DATE else None,
                plan=plan,
                source_section=section,
                user=user,
            )
        )
    return created
