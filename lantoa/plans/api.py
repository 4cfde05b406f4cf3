"""REST API of plans: plans, tasks with their status bucket, progress reports and dissemination
sessions with the admin's filters; one write: a task's deadline (`POST /tasks/{id}/deadline`).

Access is the admin's: the model's view permission (`plans.view_<model>`), else 403 with a
Vietnamese message. Plans belong to the whole office; tasks, progress reports and sessions
belong to units, and a unit reporter sees only their own unit's (the querysets of the admin
ViewSets, through `core.roles.scope_to_unit`): another unit's record answers 404.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from lantoa.core.api import ERRORS, MAX_LIMIT, MAX_OFFSET, NO_NUL, require_perm
from lantoa.core.roles import scope_to_unit

from .constants import Bucket, ReportState, TaskState
from .models import DisseminationSession, Plan, ProgressReport, Task
from .selectors import bucket_counts, reports_visible_to, tasks_visible_to, tasks_with_buckets
from .services import task_deadline_change

router = Router(tags=["plans"])

UnitCode = Query(None, pattern=NO_NUL, max_length=64, description="Mã đơn vị, ví dụ `mttq`.")


class PlanOut(Schema):
    id: int
    code: str
    doc_type: str
    title: str
    issuing_body: str
    issued_on: date | None
    place: str
    implements: list[str] = Field(..., description="Chuỗi văn bản cấp trên, gốc trước.")
    tasks: int


class PlanDetailOut(PlanOut):
    parent_body: str
    recipients: list[str]
    signer_title: str
    signer_name: str
    buckets: dict[str, int] = Field(
        ..., description="Số nhiệm vụ (mà người dùng được xem) theo tình trạng thực hiện."
    )


class PeriodOut(Schema):
    label: str
    start: date
    end: date
    due: date
    completed_on: date | None


class TaskOut(Schema):
    id: int
    title: str
    plan: str | None
    lead_unit: str
    coordinating_units: list[str]
    deadline_kind: str
    start_date: date
    due_date: date | None
    end_date: date | None
    state: str
    completed_on: date | None
    bucket: str
    bucket_label: str
    open_due: date | None


class TaskDetailOut(TaskOut):
    text: str
    periods: list[PeriodOut]


class DeadlineIn(Schema):
    due_date: date | None = Field(None, description="Hạn mới của nhiệm vụ có thời hạn.")
    end_date: date | None = Field(None, description="Ngày kết thúc mới của nhiệm vụ định kỳ.")
    reason: str = Field("", max_length=1000, pattern=NO_NUL, description="Lý do gia hạn.")


class ProgressReportOut(Schema):
    id: int
    task_id: int
    task: str
    period: str | None
    unit: str
    narrative: str
    sessions_held: int
    attendees: int
    articles_published: int
    other_figures: str
    reports_completion: bool
    state: str
    submitted_on: date
    reviewed_at: datetime | None
    review_note: str
    evidence: int


class SessionOut(Schema):
    id: int
    organisation: str
    directive: str
    task_id: int | None
    held_on: date
    form: str
    audience: str
    invited: int
    attended: int
    notes: str


def _plan_out(plan: Plan) -> dict:
    directive = plan.directive
    return {
        "id": plan.pk,
        "code": directive.code,
        "doc_type": directive.doc_type,
        "title": directive.title,
        "issuing_body": plan.issuing_body,
        "issued_on": directive.issued_on,
        "place": plan.place,
        "implements": [d.code for d in directive.chain()[:-1]],
        "tasks": plan.task_count,
    }


def _task_out(task: Task) -> dict:
    return {
        "id": task.pk,
        "title": task.title,
        "plan": task.plan.code if task.plan_id else None,
        "lead_unit": task.lead_unit.code,
        "coordinating_units": sorted(unit.code for unit in task.coordinating_units.all()),
        "deadline_kind": task.deadline_kind,
        "start_date": task.start_date,
        "due_date": task.due_date,
        "end_date": task.end_date,
        "state": task.state,
        "completed_on": task.completed_on,
        "bucket": task.bucket,
        "bucket_label": task.bucket_label(),
        "open_due": task.open_due,
    }


def _report_out(report: ProgressReport) -> dict:
    return {
        "id": report.pk,
        "task_id": report.task_id,
        "task": report.task.title,
        "period": report.period.label if report.period_id else None,
        "unit": report.unit.code,
        "narrative": report.narrative,
        "sessions_held": report.sessions_held,
        "attendees": report.attendees,
        "articles_published": report.articles_published,
        "other_figures": report.other_figures,
        "reports_completion": report.reports_completion,
        "state": report.state,
        "submitted_on": report.submitted_on,
        "reviewed_at": report.reviewed_at,
        "review_note": report.review_note,
        "evidence": report.evidence_count,
    }


def _session_out(session: DisseminationSession) -> dict:
    return {
        "id": session.pk,
        "organisation": session.organisation.code,
        "directive": session.directive.code,
        "task_id": session.task_id,
        "held_on": session.held_on,
        "form": session.form,
        "audience": session.audience,
        "invited": session.invited,
        "attended": session.attended,
        "notes": session.notes,
    }


def _plans(request):
    require_perm(request, "plans.view_plan", _("Bạn không có quyền xem kế hoạch."))
    return Plan.objects.select_related("directive__parent").annotate(task_count=Count("tasks"))


def _tasks(request):
    require_perm(request, "plans.view_task", _("Bạn không có quyền xem nhiệm vụ."))
    tasks = tasks_with_buckets(tasks_visible_to(request.user))
    return tasks.select_related("plan__directive", "lead_unit").prefetch_related(
        "coordinating_units"
    )


def _reports(request):
    message = _("Bạn không có quyền xem báo cáo tiến độ.")
    require_perm(request, "plans.view_progressreport", message)
    return (
        reports_visible_to(request.user)
        .select_related("task", "period", "unit")
        .annotate(evidence_count=Count("evidence"))
    )


def _sessions(request):
    require_perm(
        request,
        "plans.view_disseminationsession",
        _("Bạn không có quyền xem buổi quán triệt, tuyên truyền."),
    )
    sessions = DisseminationSession.objects.select_related("organisation", "directive")
    return scope_to_unit(sessions, request.user, "organisation")


@router.get("/plans", response={200: list[PlanOut], **ERRORS})
def plans_list(
    request,
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Plans of the office, newest import first, with the chain of documents they implement."""
    return [_plan_out(plan) for plan in _plans(request)[offset : offset + limit]]


@router.get("/plans/{plan_id}", response={200: PlanDetailOut, **ERRORS})
def plans_detail(request, plan_id: int):
    """One plan: header, recipients, signer and its tasks counted by status bucket."""
    plan = get_object_or_404(_plans(request), pk=plan_id)
    return {
        **_plan_out(plan),
        "parent_body": plan.parent_body,
        "recipients": plan.recipient_list(),
        "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
        "buckets": bucket_counts(tasks_visible_to(request.user).filter(plan=plan)),
    }


@router.get("/tasks", response={200: list[TaskOut], **ERRORS})
def tasks_list(
    request,
    plan: int | None = Query(None, ge=1, le=2**63 - 1),
    lead_unit: str | None = UnitCode,
    unit: str | None = Query(
        None, pattern=NO_NUL, max_length=64, description="Đơn vị chủ trì hoặc phối hợp (mã)."
    ),
    state: TaskState | None = None,
    bucket: Bucket | None = None,
    q: str | None = Query(None, pattern=NO_NUL, max_length=200),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Tasks the user may see (a unit reporter: those their unit leads or coordinates), in
    start order, with their status bucket; filter by plan, unit, state, bucket or words."""
    tasks = _tasks(request)
    if plan is not None:
        tasks = tasks.filter(plan_id=plan)
    if lead_unit:
        tasks = tasks.filter(lead_unit__code=lead_unit)
    if unit:
        in_unit = Task.objects.filter(Q(lead_unit__code=unit) | Q(coordinating_units__code=unit))
        tasks = tasks.filter(pk__in=in_unit.values("pk"))
    if state:
        tasks = tasks.filter(state=state)
    if bucket:
        tasks = tasks.filter(bucket=bucket)
    if q:
        tasks = tasks.filter(Q(title__icontains=q) | Q(text__icontains=q))
    return [_task_out(task) for task in tasks[offset : offset + limit]]


@router.get("/tasks/{task_id}", response={200: TaskDetailOut, **ERRORS})
def tasks_detail(request, task_id: int):
    """One task with its text and reporting periods."""
    task = get_object_or_404(_tasks(request), pk=task_id)
    return {
        **_task_out(task),
        "text": task.text,
        "periods": list(task.periods.values("label", "start", "end", "due", "completed_on")),
    }


@router.post("/tasks/{task_id}/deadline", response={200: TaskDetailOut, **ERRORS})
def tasks_deadline(request, task_id: int, payload: DeadlineIn):
    """Extend (or bring forward) a task's deadline; its open reporting periods move with it, so
    reminders, letters, the dashboard and the annual report read the new date."""
    require_perm(request, "plans.change_task", _("Bạn không có quyền sửa nhiệm vụ."))
    task = get_object_or_404(_tasks(request), pk=task_id)
    try:
        task_deadline_change(
            task=task,
            due_date=payload.due_date,
            end_date=payload.end_date,
            reason=payload.reason,
            user=request.user,
        )
    except ValidationError as error:
        return 400, {"detail": " ".join(error.messages)}
    return tasks_detail(request, task_id)


@router.get("/progress-reports", response={200: list[ProgressReportOut], **ERRORS})
def progress_reports_list(
    request,
    task: int | None = Query(None, ge=1, le=2**63 - 1),
    unit: str | None = UnitCode,
    state: ReportState | None = None,
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Progress reports the user may see (a unit reporter: their unit's, and those on tasks
    their unit leads), newest first; filter by task, reporting unit or review state."""
    reports = _reports(request)
    if task is not None:
        reports = reports.filter(task_id=task)
    if unit:
        reports = reports.filter(unit__code=unit)
    if state:
        reports = reports.filter(state=state)
    return [_report_out(report) for report in reports[offset : offset + limit]]


@router.get("/progress-reports/{report_id}", response={200: ProgressReportOut, **ERRORS})
def progress_reports_detail(request, report_id: int):
    """One progress report (evidence files are opened in the admin)."""
    return _report_out(get_object_or_404(_reports(request), pk=report_id))


@router.get("/dissemination-sessions", response={200: list[SessionOut], **ERRORS})
def sessions_list(
    request,
    directive: str | None = Query(None, pattern=NO_NUL, max_length=64),
    organisation: str | None = UnitCode,
    since: date | None = None,
    until: date | None = None,
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Dissemination sessions ("quán triệt") the user may see, latest first; filter by
    directive code (`78-KH/ĐU`), organisation, and dates held (`since`, `until`, inclusive)."""
    sessions = _sessions(request)
    if directive:
        sessions = sessions.filter(directive__code=directive)
    if organisation:
        sessions = sessions.filter(organisation__code=organisation)
    if since:
        sessions = sessions.filter(held_on__gte=since)
    if until:
        sessions = sessions.filter(held_on__lte=until)
    return [_session_out(session) for session in sessions[offset : offset + limit]]


@router.get("/dissemination-sessions/{session_id}", response={200: SessionOut, **ERRORS})
def sessions_detail(request, session_id: int):
    """One dissemination session with its attendance."""
    return _session_out(get_object_or_404(_sessions(request), pk=session_id))
