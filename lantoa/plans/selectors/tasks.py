"""Reads of tasks and progress reports: status buckets, what a user or unit sees, who may review."""

from datetime import date

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from lantoa.core import panels
from lantoa.core.constants import Role
from lantoa.core.models import Unit
from lantoa.core.roles import scope_to_unit, user_has_role

from ..constants import Bucket, ReportState, TaskState
from ..models import (
    Plan,
    ProgressReport,
    Task,
    TaskPeriod,
)


def tasks_with_buckets(queryset: QuerySet | None = None, *, as_of: date | None = None) -> QuerySet:
    """Annotate `bucket` (constants.Bucket), `open_due` and `final_due` on tasks.

    A task's deadlines are its periods' due dates. Completed: on time when completed on or
    before the last due date. Open: overdue when an uncompleted period's due date has passed.
    """
    as_of = as_of or timezone.localdate()
    queryset = Task.objects.all() if queryset is None else queryset
    periods = TaskPeriod.objects.filter(task=OuterRef("pk")).order_by()
    open_due = periods.filter(completed_on__isnull=True).values("task").annotate(d=Min("due"))
    final_due = periods.values("task").annotate(d=Max("due"))
    return queryset.annotate(
        open_due=Subquery(open_due.values("d")[:1], output_field=DateField()),
        final_due=Subquery(final_due.values("d")[:1], output_field=DateField()),
    ).annotate(
        bucket=Case(
            When(state=TaskState.CANCELLED, then=Value(Bucket.CANCELLED)),
            When(
                state=TaskState.COMPLETED,
                final_due__isnull=True,
                then=Value(Bucket.COMPLETED_ON_TIME),
            ),
            When(
                state=TaskState.COMPLETED,
                completed_on__lte=F("final_due"),
                then=Value(Bucket.COMPLETED_ON_TIME),
            ),
            When(state=TaskState.COMPLETED, then=Value(Bucket.COMPLETED_LATE)),
            When(open_due__lt=as_of, then=Value(Bucket.OPEN_OVERDUE)),
            default=Value(Bucket.OPEN_WITHIN),
            output_field=CharField(),
        )
    )


def task_bucket(task: Task, *, as_of: date | None = None) -> str:
    return tasks_with_buckets(Task.objects.filter(pk=task.pk), as_of=as_of).get().bucket


def bucket_counts(queryset: QuerySet | None = None, *, as_of: date | None = None) -> dict[str, int]:
    """How many tasks fall in each bucket (every bucket present, zero when empty)."""
    counts = {bucket.value: 0 for bucket in Bucket}
    rows = (
        tasks_with_buckets(queryset, as_of=as_of)
        .order_by()
        .values("bucket")
        .annotate(n=Count("pk", distinct=True))
    )
    for row in rows:
        counts[row["bucket"]] += row["n"]
    return counts


def tasks_visible_to(user) -> QuerySet:
    return scope_to_unit(Task.objects.all(), user, "lead_unit", "coordinating_units")


def tasks_of_unit(unit: Unit) -> QuerySet:
    return Task.objects.filter(Q(lead_unit=unit) | Q(coordinating_units=unit)).distinct()


def reports_awaiting_review(user) -> QuerySet:
    """Submitted reports on tasks the user's unit leads (all of them for unscoped roles)."""
    from lantoa.core.roles import is_unit_scoped

    reports = ProgressReport.objects.filter(state=ReportState.SUBMITTED)
    if getattr(user, "is_superuser", False) or not is_unit_scoped(user):
        return reports
    return reports.filter(task__lead_unit_id=user.unit_id)


def reports_visible_to(user) -> QuerySet:
    return scope_to_unit(ProgressReport.objects.all(), user, "unit", "task__lead_unit")


def plan_tasks_in_period(plan: Plan | None, *, start: date, end: date) -> QuerySet:
    """Tasks of `plan` (all plans when None) that run during [start, end]."""
    tasks = Task.objects.all() if plan is None else Task.objects.filter(plan=plan)
    return tasks.filter(start_date__lte=end)


def plan_by_code(code: str) -> Plan:
    return Plan.objects.select_related("directive").get(directive__code=code)


def plan_outline(plan: Plan) -> list[dict]:
    """The plan's sections as nested dicts, in document order."""
    nodes = {}
    roots = []
    for section in plan.sections.order_by("order"):
        node = {"section": section, "children": []}
        nodes[section.pk] = node
        (nodes[section.parent_id]["children"] if section.parent_id else roots).append(node)
    return roots


# --- KPI figures (the reports dashboard, the annual report's annex) -----------------------------


def kpi_tasks_by_status(*, start: date, end: date, unit=None, plan=None) -> list[panels.Count]:
    """Tasks by status bucket as the plans report section counts them (lead unit, as of the
    period's end)."""
    tasks = plan_tasks_in_period(plan, start=start, end=end)
    if unit is not None:
        tasks = tasks.filter(lead_unit=unit)
    as_of = min(end, timezone.localdate())
    counts = bucket_counts(tasks, as_of=as_of)
    if not any(n for bucket, n in counts.items() if bucket != Bucket.CANCELLED):
        return []
    return [
        panels.Count(
            str(label),
            counts[bucket],
            panels.admin_list_url(
                "plans",
                "task",
                bucket=bucket,
                lead_unit=unit.pk if unit else "",
                plan=plan.pk if plan else "",
                started_to=end.isoformat(),
                as_of=as_of.isoformat(),
            ),
            tone="warning" if bucket == Bucket.OPEN_OVERDUE and counts[bucket] else "",
        )
        for bucket, label in Bucket.choices
        if bucket != Bucket.CANCELLED
    ]


def can_review(user, report: ProgressReport) -> bool:
    """The lead unit reviews its task's reports; leaders and administrators may too."""
    if getattr(user, "is_superuser", False) or user_has_role(user, Role.LEADER):
        return True
    return user.unit_id is not None and user.unit_id == report.task.lead_unit_id


def may_accept(user, report: ProgressReport) -> bool:
    """Separation of duties: whoever submitted a report does not accept it, unless the office
    turned it off (`LANTOA_SEPARATION_OF_DUTIES = False`, for one-person units)."""
    if not can_review(user, report):
        return False
    if settings.LANTOA_SEPARATION_OF_DUTIES:
        return report.submitted_by_id is None or report.submitted_by_id != user.pk
    return True
