"""Progress reports of a task's units (submit, review) and dissemination sessions ("quán triệt").

A report belongs to one reporting period of its task; accepting the report that completes the
period closes it (separation of duties: the submitter never accepts their own report)."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.core.audit import audit
from lantoa.core.models import Unit
from lantoa.core.uploads import EVIDENCE, upload_check

from ..constants import NotificationKind, ReportState, TaskState
from ..models import (
    Directive,
    DisseminationSession,
    Notification,
    ProgressReport,
    ReportEvidence,
    Task,
    TaskPeriod,
)
from ..selectors import can_review, may_accept


def _responsible(task: Task, unit: Unit) -> bool:
    return unit.pk == task.lead_unit_id or task.coordinating_units.filter(pk=unit.pk).exists()


def _default_period(task: Task, on: date) -> TaskPeriod | None:
    periods = list(task.periods.all())
    for period in periods:
        if period.start <= on <= period.end and period.completed_on is None:
            return period
    open_periods = [p for p in periods if p.completed_on is None]
    return open_periods[0] if open_periods else (periods[-1] if periods else None)


@transaction.atomic
def progress_report_submit(
    *,
    task: Task,
    unit: Unit,
    user,
    narrative: str,
    period: TaskPeriod | None = None,
    sessions_held: int = 0,
    attendees: int = 0,
    articles_published: int = 0,
    other_figures: str = "",
    reports_completion: bool = False,
    files: Iterable[tuple[str, bytes]] = (),
    submitted_on: date | None = None,
) -> ProgressReport:
    """A responsible unit reports on a task; a completion report puts the task up for review."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if not _responsible(task, unit):
        raise ValidationError(_("Đơn vị %(unit)s không được giao nhiệm vụ này.") % {"unit": unit})
    if task.state in (TaskState.CANCELLED, TaskState.COMPLETED):
        raise ValidationError(
            _("Nhiệm vụ đã %(state)s, không nhận thêm báo cáo.")
            % {"state": task.get_state_display().lower()}
        )
    if not narrative.strip():
        raise ValidationError(_("Cần ghi kết quả thực hiện."))
    if min(sessions_held, attendees, articles_published) < 0:
        raise ValidationError(_("Số liệu không được âm."))
    submitted_on = submitted_on or timezone.localdate()
    if period is not None and period.task_id != task.pk:
        raise ValidationError(_("Kỳ báo cáo không thuộc nhiệm vụ này."))
    files = list(files)
    for name, content in files:  # every file checked before anything is written
        upload_check(content, policy=EVIDENCE, name=name)
    report = ProgressReport.objects.create(
        task=task,
        period=period or _default_period(task, submitted_on),
        unit=unit,
        narrative=narrative.strip(),
        sessions_held=sessions_held,
        attendees=attendees,
        articles_published=articles_published,
        other_figures=other_figures,
        reports_completion=reports_completion,
        submitted_by=user,
        submitted_on=submitted_on,
    )
    for name, content in files:
        evidence = ReportEvidence(report=report, title=name[:255])
        evidence.file.save(name, ContentFile(content), save=True)
    task.state = (
        TaskState.SUBMITTED
        if reports_completion
        else (TaskState.IN_PROGRESS if task.state == TaskState.ASSIGNED else task.state)
    )
    task.save(update_fields=["state"])
    audit(report, "plans.report_submit", user=user, data={"task": task.pk, "unit": unit.code})
    return report


@transaction.atomic
def progress_report_review(
    *, report: ProgressReport, user, accept: bool, note: str = "", on: date | None = None
) -> ProgressReport:
    """Accept or return a report; accepting a completion report completes its period or task."""
    report = ProgressReport.objects.select_for_update().select_related("task").get(pk=report.pk)
    if not can_review(user, report):
        raise PermissionDenied(_("Chỉ đơn vị chủ trì nhiệm vụ mới xem xét được báo cáo này."))
    if report.state != ReportState.SUBMITTED:
        raise ValidationError(_("Báo cáo này đã được xem xét."))
    if accept and not may_accept(user, report):
        raise PermissionDenied(
            _(
                "Người gửi báo cáo không tự chấp nhận báo cáo của mình: cần một người khác của "
                "đơn vị chủ trì hoặc lãnh đạo xem xét."
            )
        )
    if not accept and not note.strip():
        raise ValidationError(_("Cần ghi lý do trả lại báo cáo."))
    task = report.task
    report.state = ReportState.ACCEPTED if accept else ReportState.RETURNED
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.review_note = note.strip()
    report.save()
    if accept and report.reports_completion:
        done_on = report.submitted_on
        if report.period_id:
            TaskPeriod.objects.filter(pk=report.period_id, completed_on__isnull=True).update(
                completed_on=done_on
            )
        open_periods = task.periods.filter(completed_on__isnull=True)
        if not open_periods.exists():
            task.state = TaskState.COMPLETED
            task.completed_on = max([done_on, *task.periods.values_list("completed_on", flat=True)])
        else:
            task.state = TaskState.IN_PROGRESS
    elif report.reports_completion and task.state == TaskState.SUBMITTED:
        pending = task.reports.filter(state=ReportState.SUBMITTED, reports_completion=True)
        task.state = TaskState.SUBMITTED if pending.exists() else TaskState.IN_PROGRESS
    task.save(update_fields=["state", "completed_on"])
    if not accept:
        Notification.objects.create(
            unit=report.unit,
            task=task,
            period=report.period,
            kind=NotificationKind.REPORT_RETURNED,
            message=_("Báo cáo về nhiệm vụ “%(task)s” bị trả lại: %(note)s")
            % {"task": task.title, "note": report.review_note},
            created_on=on or timezone.localdate(),
        )
    audit(
        report,
        "plans.report_accept" if accept else "plans.report_return",
        user=user,
        data={"note": report.review_note},
    )
    return report


@transaction.atomic
def dissemination_session_record(
    *,
    organisation: Unit,
    directive: Directive,
    held_on: date,
    form: str,
    audience: str,
    invited: int = 0,
    attended: int = 0,
    task: Task | None = None,
    notes: str = "",
    user=None,
) -> DisseminationSession:
    """Record a "quán triệt, tuyên truyền" session with its attendance."""
    if invited < 0 or attended < 0:
        raise ValidationError(_("Số người không được âm."))
    session = DisseminationSession.objects.create(
        organisation=organisation,
        directive=directive,
        held_on=held_on,
        form=form,
        audience=audience,
        invited=invited,
        attended=attended,
        task=task,
        notes=notes,
    )
    audit(session, "plans.session_record", user=user, data={"attended": attended})
    return session
