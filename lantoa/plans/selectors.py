"""Reads of the plans app: status buckets, unit views, coverage, report figures."""

from dataclasses import dataclass
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
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.core import panels
from lantoa.core.constants import Role, UnitKind
from lantoa.core.models import Unit
from lantoa.core.roles import scope_to_unit, user_has_role

from .constants import Bucket, DocType, FindingKind, ReportState, RequiredReportStatus, TaskState
from .models import (
    Directive,
    DisseminationSession,
    DocumentNumber,
    InspectionFinding,
    InspectionRecommendation,
    InspectionVisit,
    Plan,
    ProgressReport,
    RequiredReport,
    Task,
    TaskPeriod,
)

# Organisations expected to disseminate a directive when no plan names them.
DISSEMINATING_KINDS = (UnitKind.PARTY_CELL, UnitKind.FATHERLAND_FRONT, UnitKind.MASS_ORGANISATION)


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


@dataclass
class CoverageRow:
    unit: Unit
    sessions: int
    attended: int
    last_held: date | None

    @property
    def covered(self) -> bool:
        return self.sessions > 0


def expected_disseminators(directive: Directive) -> QuerySet:
    """Units a plan implementing `directive` (or the directive itself) assigns, else the usual
    disseminating organisations (Party cells, the Front, mass organisations)."""
    plans = Plan.objects.filter(Q(directive=directive) | Q(directive__parent=directive))
    assigned = Unit.objects.filter(
        Q(lead_assignments__plan__in=plans) | Q(coordinating_assignments__plan__in=plans)
    )
    dissemination = Unit.objects.filter(
        Q(lead_assignments__plan__in=plans, lead_assignments__section__text__icontains="quán triệt")
        | Q(
            coordinating_assignments__plan__in=plans,
            coordinating_assignments__section__text__icontains="quán triệt",
        )
    )
    chosen = dissemination if dissemination.exists() else assigned
    if not chosen.exists():
        chosen = Unit.objects.filter(kind__in=DISSEMINATING_KINDS)
    return Unit.objects.filter(pk__in=chosen.values("pk"), is_active=True).order_by(
        "sort_order", "name"
    )


def dissemination_coverage(directive: Directive, *, start=None, end=None) -> list[CoverageRow]:
    """Per expected organisation: sessions held on the directive, attendance, last date."""
    sessions = DisseminationSession.objects.filter(directive=directive)
    if start:
        sessions = sessions.filter(held_on__gte=start)
    if end:
        sessions = sessions.filter(held_on__lte=end)
    stats = {
        row["organisation"]: row
        for row in sessions.values("organisation").annotate(
            n=Count("pk"), people=Sum("attended"), last=Max("held_on")
        )
    }
    rows = []
    for unit in expected_disseminators(directive):
        row = stats.get(unit.pk, {})
        rows.append(CoverageRow(unit, row.get("n", 0), row.get("people") or 0, row.get("last")))
    return rows


def dissemination_totals(
    *, directive: Directive | None = None, start: date, end: date
) -> dict[str, int]:
    sessions = DisseminationSession.objects.filter(held_on__gte=start, held_on__lte=end)
    if directive is not None:
        sessions = sessions.filter(directive=directive)
    totals = sessions.aggregate(
        sessions=Count("pk"),
        organisations=Count("organisation", distinct=True),
        invited=Sum("invited"),
        attended=Sum("attended"),
    )
    return {key: value or 0 for key, value in totals.items()}


def dissemination_sessions_in_period(
    *, plan: Plan | None = None, start: date, end: date, unit=None
) -> QuerySet:
    """Sessions held in [start, end] on the plan's chain of directives (every directive when
    `plan` is None), organised by `unit` when given: what the annual report and the dashboard
    both count."""
    sessions = DisseminationSession.objects.filter(held_on__gte=start, held_on__lte=end)
    if plan is not None:
        sessions = sessions.filter(directive__in=plan.directive.chain())
    if unit is not None:
        sessions = sessions.filter(organisation=unit)
    return sessions


def dissemination_by_audience(*, directive=None, start: date, end: date) -> dict[str, dict]:
    sessions = DisseminationSession.objects.filter(held_on__gte=start, held_on__lte=end)
    if directive is not None:
        sessions = sessions.filter(directive=directive)
    return {
        row["audience"]: {"sessions": row["n"], "attended": row["people"] or 0}
        for row in sessions.values("audience").annotate(n=Count("pk"), people=Sum("attended"))
    }


def plan_tasks_in_period(plan: Plan | None, *, start: date, end: date) -> QuerySet:
    """Tasks of `plan` (all plans when None) that run during [start, end]."""
    tasks = Task.objects.all() if plan is None else Task.objects.filter(plan=plan)
    return tasks.filter(start_date__lte=end)


def report_figures(tasks: QuerySet, *, start: date, end: date) -> dict[str, int]:
    """Totals of accepted progress reports submitted in [start, end]."""
    totals = ProgressReport.objects.filter(
        task__in=tasks, state=ReportState.ACCEPTED, submitted_on__gte=start, submitted_on__lte=end
    ).aggregate(
        reports=Count("pk"),
        sessions=Sum("sessions_held"),
        attendees=Sum("attendees"),
        articles=Sum("articles_published"),
    )
    return {key: value or 0 for key, value in totals.items()}


def inspection_visits_in_period(
    *, plan: Plan | None = None, start: date, end: date, unit=None
) -> QuerySet:
    """Visits held in [start, end] (of inspections of `plan` when given), to `unit` when given."""
    visits = InspectionVisit.objects.filter(held_on__gte=start, held_on__lte=end)
    if plan is not None:
        visits = visits.filter(inspection__plan=plan)
    if unit is not None:
        visits = visits.filter(unit=unit)
    return visits


def inspection_summary(*, plan: Plan | None = None, start: date, end: date, unit=None) -> dict:
    """What the annual report says of IV.3: inspection plans, visits held, units inspected,
    findings by kind, recommendations and where their follow-up tasks stand."""
    visits = inspection_visits_in_period(plan=plan, start=start, end=end, unit=unit)
    findings = InspectionFinding.objects.filter(visit__in=visits)
    recommendations = InspectionRecommendation.objects.filter(visit__in=visits)
    tasks = Task.objects.filter(inspection_recommendation__in=recommendations)
    as_of = min(end, timezone.localdate())
    counts = bucket_counts(tasks, as_of=as_of)
    return {
        "plans": visits.values("inspection").distinct().count(),
        "visits": visits.count(),
        "units": visits.values("unit").distinct().count(),
        "findings": {kind: findings.filter(kind=kind).count() for kind in FindingKind.values},
        "recommendations": recommendations.count(),
        "done": counts[Bucket.COMPLETED_ON_TIME] + counts[Bucket.COMPLETED_LATE],
        "overdue": counts[Bucket.OPEN_OVERDUE],
        "visit_rows": list(
            visits.select_related("unit", "inspection")
            .annotate(n_findings=Count("findings", distinct=True))
            .annotate(n_recommendations=Count("recommendations", distinct=True))
            .order_by("held_on", "pk")
        ),
    }


def required_report_status(report: RequiredReport, *, as_of: date | None = None) -> str:
    """Received (on time or late), missing (past due, not received) or pending."""
    as_of = as_of or timezone.localdate()
    if report.received_on:
        on_time = report.received_on <= report.due_date
        return (
            RequiredReportStatus.RECEIVED_ON_TIME if on_time else RequiredReportStatus.RECEIVED_LATE
        )
    return RequiredReportStatus.MISSING if report.due_date < as_of else RequiredReportStatus.PENDING


def required_reports_in_year(*, year: int, plan: Plan | None = None, unit=None) -> QuerySet:
    reports = RequiredReport.objects.filter(year=year).select_related("reporting_unit")
    if plan is not None:
        reports = reports.filter(plan=plan)
    if unit is not None:
        reports = reports.filter(reporting_unit=unit)
    return reports


def task_evidence(tasks: QuerySet, *, start: date, end: date) -> dict[int, dict[str, int]]:
    """What was gathered for each task in [start, end]: accepted progress reports and their
    evidence files, dissemination sessions and attendance, inspection visits of the task's plan
    item. Keys of each dict: reports, files, sessions, attended, inspections."""
    ids = list(tasks.values_list("pk", flat=True))
    found = {pk: dict.fromkeys(EVIDENCE_KINDS, 0) for pk in ids}
    reports = ProgressReport.objects.filter(
        task_id__in=ids,
        state=ReportState.ACCEPTED,
        submitted_on__gte=start,
        submitted_on__lte=end,
    )
    for row in reports.values("task").annotate(n=Count("pk", distinct=True), f=Count("evidence")):
        found[row["task"]].update(reports=row["n"], files=row["f"])
    sessions = DisseminationSession.objects.filter(
        task_id__in=ids, held_on__gte=start, held_on__lte=end
    )
    for row in sessions.values("task").annotate(n=Count("pk"), people=Sum("attended")):
        found[row["task"]].update(sessions=row["n"], attended=row["people"] or 0)
    sections = dict(Task.objects.filter(pk__in=ids).values_list("pk", "source_section"))
    visits = (
        InspectionVisit.objects.filter(held_on__gte=start, held_on__lte=end)
        .filter(inspection__source_section__in=[s for s in sections.values() if s])
        .values("inspection__source_section")
        .annotate(n=Count("pk"))
    )
    by_section = {row["inspection__source_section"]: row["n"] for row in visits}
    for pk, section in sections.items():
        found[pk]["inspections"] = by_section.get(section, 0) if section else 0
    return found


EVIDENCE_KINDS = ("reports", "files", "sessions", "attended", "inspections")


def evidence_sentence(evidence: dict[str, int]) -> str:
    """The evidence of a task or plan item as the report cites it."""
    parts = []
    if evidence["reports"]:
        parts.append(
            _("%(n)s báo cáo được chấp nhận (%(f)s tệp minh chứng)")
            % {"n": evidence["reports"], "f": evidence["files"]}
        )
    if evidence["sessions"]:
        parts.append(
            _("%(n)s buổi quán triệt, %(p)s lượt người dự")
            % {"n": evidence["sessions"], "p": evidence["attended"]}
        )
    if evidence["inspections"]:
        parts.append(_("%(n)s cuộc kiểm tra") % {"n": evidence["inspections"]})
    return "; ".join(parts) if parts else _("chưa có căn cứ")


def report_number_in_register(plan: Plan | None, year: int) -> DocumentNumber | None:
    """The annual report's entry in the document register: a report ("BC") issued in the year
    or the next whose summary names the year ("năm 2026") and the plan's number; latest first."""
    entries = DocumentNumber.objects.filter(
        doc_type=DocType.REPORT,
        issued_on__year__in=[year, year + 1],
        title__icontains=f"năm {year}",
    )
    if plan is not None:
        entries = entries.filter(title__icontains=plan.directive.code)
    return entries.order_by("-issued_on", "-pk").first()


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


def kpi_dissemination_coverage(
    *, start: date, end: date, unit=None, plan=None
) -> list[panels.Count]:
    """Dissemination sessions held in the period on the plan's directives (every directive when
    `plan` is None), by the organising unit when given: the plans report section's own count."""
    sessions = dissemination_sessions_in_period(plan=plan, start=start, end=end, unit=unit)
    totals = sessions.aggregate(
        sessions=Count("pk"),
        organisations=Count("organisation", distinct=True),
        invited=Sum("invited"),
        attended=Sum("attended"),
    )
    totals = {key: value or 0 for key, value in totals.items()}
    if not totals["sessions"]:
        return []
    url = panels.admin_list_url(
        "plans",
        "disseminationsession",
        organisation=unit.pk if unit else "",
        plan=plan.pk if plan else "",
        held_from=start.isoformat(),
        held_to=end.isoformat(),
    )
    # The organisations and the attendance sums are read from the sessions listed.
    sessions_n = totals["sessions"]
    return [
        panels.Count(_("Buổi quán triệt"), sessions_n, url),
        panels.Count(_("Tổ chức đã quán triệt"), totals["organisations"], url, basis=sessions_n),
        panels.Count(_("Lượt người được mời"), totals["invited"], url, basis=sessions_n),
        panels.Count(_("Lượt người tham dự"), totals["attended"], url, basis=sessions_n),
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
