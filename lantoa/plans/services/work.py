"""Tasks and their periods: create, update, change the deadline, cancel, create a plan's tasks.
Progress reports and dissemination sessions are in `progress.py`."""

import calendar
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantoa.core.audit import audit
from lantoa.core.models import Unit

from ..constants import DeadlineKind, TaskState
from ..importer.assignments import split_assignment
from ..importer.deadlines import deadline_kind_of
from ..models import (
    Plan,
    Task,
    TaskPeriod,
)
from .imports import directory_from_units

_MAX_TITLE = 255
_MAX_YEARS = 10  # a plan runs a term (five years); a deadline further away is a typing error


def _periods_for(task: Task) -> list[tuple[str, date, date, date]]:
    """(label, start, end, due) of every period the task's deadline kind implies."""
    kind = task.deadline_kind
    if kind == DeadlineKind.DATE:
        return [
            (
                _("Đến %(date)s") % {"date": f"{task.due_date:%d/%m/%Y}"},
                task.start_date,
                task.due_date,
                task.due_date,
            )
        ]
    # An ongoing ("thường xuyên") task is checked every quarter, so it can be late and reminded.
    end = task.end_date or date(task.start_date.year, 12, 31)
    periods = []
    year, month = task.start_date.year, task.start_date.month
    step = {
        DeadlineKind.MONTHLY: 1,
        DeadlineKind.QUARTERLY: 3,
        DeadlineKind.SEMIANNUAL: 6,
        DeadlineKind.ONGOING: 3,
        DeadlineKind.ANNUAL: 12,
    }[kind]
    if kind in (DeadlineKind.QUARTERLY, DeadlineKind.ONGOING):
        month = 3 * ((month - 1) // 3) + 1
    elif kind == DeadlineKind.SEMIANNUAL:
        month = 1 if month <= 6 else 7
    elif kind == DeadlineKind.ANNUAL:
        month = 1
    while date(year, month, 1) <= end:
        last_month = month + step - 1
        period_end = date(year, last_month, calendar.monthrange(year, last_month)[1])
        if kind == DeadlineKind.MONTHLY:
            label = _("Tháng %(m)s/%(y)s") % {"m": month, "y": year}
        elif kind == DeadlineKind.QUARTERLY:
            label = _("Quý %(q)s/%(y)s") % {"q": (month - 1) // 3 + 1, "y": year}
        elif kind == DeadlineKind.SEMIANNUAL:
            label = (_("6 tháng đầu năm %(y)s") if month == 1 else _("6 tháng cuối năm %(y)s")) % {
                "y": year
            }
        elif kind == DeadlineKind.ONGOING:
            label = _("Kiểm tra tiến độ Quý %(q)s/%(y)s") % {"q": (month - 1) // 3 + 1, "y": year}
        else:
            label = _("Năm %(y)s") % {"y": year}
        start = max(date(year, month, 1), task.start_date)
        periods.append((label, start, min(period_end, end), min(period_end, end)))
        month += step
        if month > 12:
            year, month = year + 1, month - 12
    return periods


@transaction.atomic
def task_periods_generate(*, task: Task) -> list[TaskPeriod]:
    """Create the task's missing periods (idempotent) and return all of them."""
    for label, start, end, due in _periods_for(task):
        TaskPeriod.objects.get_or_create(
            task=task, start=start, defaults={"label": label, "end": end, "due": due}
        )
    return list(task.periods.all())


def _validate_deadline(kind: str, start: date, due: date | None, end: date | None) -> None:
    if kind == DeadlineKind.DATE and due is None:
        raise ValidationError(_("Nhiệm vụ có thời hạn cần hạn hoàn thành."))
    if due is not None and due < start:
        raise ValidationError(_("Hạn hoàn thành không được trước ngày bắt đầu."))
    if end is not None and end < start:
        raise ValidationError(_("Ngày kết thúc không được trước ngày bắt đầu."))


@transaction.atomic
def task_create(
    *,
    title: str,
    lead_unit: Unit,
    start_date: date,
    deadline_kind: str = DeadlineKind.DATE,
    due_date: date | None = None,
    end_date: date | None = None,
    text: str = "",
    coordinating_units: Iterable[Unit] = (),
    plan: Plan | None = None,
    assignment=None,
    source_section=None,
    user=None,
) -> Task:
    """Assign a task to exactly one lead unit and generate its reporting periods."""
    if not title.strip():
        raise ValidationError(_("Nhiệm vụ cần có tên."))
    _validate_deadline(deadline_kind, start_date, due_date, end_date)
    if deadline_kind in (
        DeadlineKind.ANNUAL,
        DeadlineKind.QUARTERLY,
        DeadlineKind.SEMIANNUAL,
        DeadlineKind.MONTHLY,
        DeadlineKind.ONGOING,
    ):
        end_date = end_date or due_date or date(start_date.year, 12, 31)
    task = Task.objects.create(
        title=title.strip()[:_MAX_TITLE],
        text=text,
        lead_unit=lead_unit,
        deadline_kind=deadline_kind,
        start_date=start_date,
        due_date=due_date if deadline_kind == DeadlineKind.DATE else None,
        end_date=end_date,
        plan=plan,
        assignment=assignment,
        source_section=source_section,
    )
    task.coordinating_units.set([unit for unit in coordinating_units if unit.pk != lead_unit.pk])
    task_periods_generate(task=task)
    audit(task, "plans.task_assign", user=user, data={"lead_unit": lead_unit.code})
    return task


def _periods_sync(task: Task) -> None:
    """Move the task's open periods to what its deadline now implies.

    Completed periods are history and stay. An open period whose start is still wanted gets the
    new end and due date; the other open periods are moved, in order, onto the wanted periods
    not yet present (so their reports stay attached); open periods left over are removed (their
    reports keep no period) and wanted periods still missing are created.
    """
    periods = list(task.periods.order_by("start"))
    done_starts = {p.start for p in periods if p.completed_on is not None}
    wanted = [row for row in _periods_for(task) if row[1] not in done_starts]
    by_start = {row[1]: row for row in wanted}
    unmatched = []
    for period in (p for p in periods if p.completed_on is None):
        row = by_start.pop(period.start, None)
        if row is None:
            unmatched.append(period)
            continue
        period.label, _start, period.end, period.due = row
        period.save(update_fields=["label", "end", "due"])
    remaining = [row for row in wanted if row[1] in by_start]
    for period, row in zip(unmatched, remaining, strict=False):
        period.label, period.start, period.end, period.due = row
        period.save(update_fields=["label", "start", "end", "due"])
    for period in unmatched[len(remaining) :]:
        period.delete()
    for label, start, end, due in remaining[len(unmatched) :]:
        TaskPeriod.objects.create(task=task, label=label, start=start, end=end, due=due)


_DEADLINE_FIELDS = ("deadline_kind", "start_date", "due_date", "end_date")
_EDITABLE_FIELDS = ("title", "text", "plan", "lead_unit", *_DEADLINE_FIELDS)
_UNCHANGED = object()


@transaction.atomic
def task_update(
    *,
    task: Task,
    user=None,
    reason: str = "",
    coordinating_units: Iterable[Unit] | None = None,
    **changes,
) -> Task:
    """Edit a task; a changed deadline moves its open periods with it.

    `changes` are any of title, text, plan, lead_unit, deadline_kind, start_date, due_date,
    end_date. The reporting periods are what every reminder, letter, dashboard and report reads,
    so an extended deadline is the periods' new due date (see `_periods_sync`). A completed or
    cancelled task keeps its deadline: it is what its completion was measured against.
    """
    unknown = set(changes) - set(_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"task_update: unknown fields {sorted(unknown)}")
    current = Task.objects.select_for_update().get(pk=task.pk)
    before = {name: getattr(current, name) for name in _DEADLINE_FIELDS}
    for name, value in changes.items():
        setattr(current, name, value)
    if "title" in changes:
        if not (current.title or "").strip():
            raise ValidationError(_("Nhiệm vụ cần có tên."))
        current.title = current.title.strip()[:_MAX_TITLE]
    kind = current.deadline_kind
    if kind != DeadlineKind.DATE:
        current.due_date = None
        if kind != DeadlineKind.ONGOING:
            current.end_date = current.end_date or date(current.start_date.year, 12, 31)
    _validate_deadline(kind, current.start_date, current.due_date, current.end_date)
    last = current.due_date or current.end_date
    if last is not None and last.year - current.start_date.year > _MAX_YEARS:
        raise ValidationError(
            _("Thời hạn không được quá %(n)s năm kể từ ngày bắt đầu.") % {"n": _MAX_YEARS}
        )
    after = {name: getattr(current, name) for name in _DEADLINE_FIELDS}
    moved = after != before
    if moved and current.state in (TaskState.COMPLETED, TaskState.CANCELLED):
        raise ValidationError(
            _("Nhiệm vụ đã %(state)s: không đổi được thời hạn.")
            % {"state": current.get_state_display().lower()}
        )
    current.save()
    if coordinating_units is not None:
        current.coordinating_units.set(
            [unit for unit in coordinating_units if unit.pk != current.lead_unit_id]
        )
    if moved:
        _periods_sync(current)
        audit(
            current,
            "plans.task_deadline",
            user=user,
            data={
                "before": {k: str(v) if v else "" for k, v in before.items()},
                "after": {k: str(v) if v else "" for k, v in after.items()},
                "reason": reason,
            },
        )
    else:
        audit(current, "wagtail.edit", user=user)
    return current


def task_deadline_change(
    *,
    task: Task,
    due_date: date | None = None,
    end_date: date | None = None,
    user=None,
    reason: str = "",
) -> Task:
    """Extend (or bring forward) a task's deadline: `due_date` of a dated task, `end_date` of a
    recurring one; the open periods move with it (one service for the admin form and the API)."""
    changes = {}
    if due_date is not None:
        changes["due_date"] = due_date
    if end_date is not None:
        changes["end_date"] = end_date
    if not changes:
        raise ValidationError(_("Cần nhập hạn mới."))
    return task_update(task=task, user=user, reason=reason, **changes)


def _title_from(action: str) -> str:
    first = action.split(";")[0].split(". ")[0].strip(" .;,")
    if len(first) > _MAX_TITLE - 1:
        first = first[: _MAX_TITLE - 2].rsplit(" ", 1)[0] + "…"
    return first[:1].upper() + first[1:]


@transaction.atomic
def plan_tasks_create(
    *,
    plan: Plan,
    start_date: date,
    due_date: date,
    end_date: date | None = None,
    user=None,
) -> list[Task]:
    """One task per section IV assignment that has a lead unit and no task yet (idempotent).

    The deadline kind comes from the assignment's wording ("định kỳ hằng năm" → annual); dated
    tasks take `due_date`, recurring ones run until `end_date` (default: `due_date`).
    """
    directory = directory_from_units()
    created = []
    for assignment in plan.assignments.select_related("section", "lead_unit"):
        if assignment.lead_unit is None or assignment.tasks.exists():
            continue
        section = assignment.section
        text = " ".join(part for part in (section.heading, section.text) if part)
        split = split_assignment(text, directory)
        kind = deadline_kind_of(text)
        created.append(
            task_create(
                title=_title_from(split.action or text),
                text=text,
                lead_unit=assignment.lead_unit,
                coordinating_units=assignment.coordinating_units.all(),
                deadline_kind=kind,
                start_date=start_date,
                due_date=due_date,
                end_date=end_date or due_date,
                plan=plan,
                assignment=assignment,
                source_section=section,
                user=user,
            )
        )
    return created


@transaction.atomic
def task_cancel(*, task: Task, user=None, reason: str = "") -> Task:
    task.state = TaskState.CANCELLED
    task.save(update_fields=["state"])
    audit(task, "plans.task_cancel", user=user, data={"reason": reason})
    return task
