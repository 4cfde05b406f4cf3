"""Reads behind the annual report: figures, evidence per task, inspections, required reports and
the report's number in the document register."""

from datetime import date

from django.db.models import (
    Count,
    QuerySet,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import Bucket, DocType, FindingKind, ReportState, TaskState
from ..models import (
    DisseminationSession,
    DocumentNumber,
    InspectionFinding,
    InspectionRecommendation,
    InspectionVisit,
    Plan,
    ProgressReport,
    RequiredReport,
    Task,
)
from .tasks import bucket_counts


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
    return report.status(as_of=as_of)


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


def completed_in_period(tasks: QuerySet, *, start: date, end: date) -> QuerySet:
    """The tasks completed within [start, end] (what a year's work finished, whenever it began)."""
    return tasks.filter(state=TaskState.COMPLETED, completed_on__gte=start, completed_on__lte=end)


def main_contributors(tasks: QuerySet, *, limit: int = 3) -> list[tuple[str, int]]:
    """The lead units with most of `tasks`, most first: who the annual report names beside a
    figure's change since last year."""
    rows = (
        tasks.order_by()
        .values("lead_unit__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "lead_unit__name")[:limit]
    )
    return [(row["lead_unit__name"], row["n"]) for row in rows]
