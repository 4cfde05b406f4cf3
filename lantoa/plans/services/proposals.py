"""Proposed tasks the officer accepted on the import review screen become tasks."""

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

from ..constants import DeadlineKind
from ..models import Plan, Task
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
) -> list[Task]:
    """Create the tasks the officer accepted on the review screen, with the units they chose
    (creating the units the plan names and the registry lacks). All or nothing."""
    created_units: dict[str, Unit] = {}
    sections = {section.path: section for section in plan.sections.all()}
    tasks = []
    for decision in decisions:
        lead = _unit_for(decision.lead, created_units, user)
        if lead is None:
            raise ValidationError(
                _("Mục %(path)s: cần chọn đơn vị chủ trì trước khi tạo nhiệm vụ.")
                % {"path": decision.path}
            )
        partners = [_unit_for(choice, created_units, user) for choice in decision.coordinating]
        kind = decision.deadline_kind
        due = decision.due_date or default_due
        tasks.append(
            task_create(
                title=decision.title or _title_from(decision.text),
                text=decision.text,
                lead_unit=lead,
                coordinating_units=[unit for unit in partners if unit is not None],
                deadline_kind=kind,
                start_date=min(start_date, due) if kind == DeadlineKind.DATE else start_date,
                due_date=due,
                end_date=due if kind != DeadlineKind.DATE else None,
                plan=plan,
                source_section=sections.get(decision.path),
                user=user,
            )
        )
    return tasks
