"""Required reports (IV.1): the yearly report of the ward government to the Standing Committee.

A required report gets a follow-up task of the reporting unit with the same due date, so the
daily follow-up reminds it ("sắp đến hạn", "quá hạn") and the task figures count it; receiving
the report completes that task on the day it arrived.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantoa.core.audit import audit
from lantoa.core.models import Unit

from ..constants import TaskState
from ..models import Plan, PlanSection, RequiredReport, Task, TaskPeriod
from .work import task_create, task_update


@transaction.atomic
def required_report_create(
    *,
    title: str,
    reporting_unit: Unit,
    year: int,
    due_date: date,
    recipient: str = "Ban Thường vụ Đảng ủy",
    plan: Plan | None = None,
    source_section: PlanSection | None = None,
    start_date: date | None = None,
    user=None,
) -> RequiredReport:
    """Require a report of `reporting_unit` for `year` by `due_date`, with its follow-up task."""
    title = title.strip()
    if not title:
        raise ValidationError(_("Báo cáo bắt buộc cần có tên."))
    if RequiredReport.objects.filter(
        reporting_unit=reporting_unit, title=title, year=year
    ).exists():
        raise ValidationError(_("Báo cáo này của đơn vị đã có cho năm %(y)s.") % {"y": year})
    start = start_date or min(date(year, 1, 1), due_date)
    task = task_create(
        title=_("Gửi %(title)s tới %(to)s") % {"title": title, "to": recipient},
        lead_unit=reporting_unit,
        start_date=start,
        due_date=due_date,
        plan=plan,
        source_section=source_section,
        user=user,
    )
    report = RequiredReport.objects.create(
        title=title,
        plan=plan,
        source_section=source_section,
        reporting_unit=reporting_unit,
        recipient=recipient,
        year=year,
        due_date=due_date,
        task=task,
        created_by=user,
    )
    audit(report, "plans.required_report", user=user, data={"due": str(due_date)})
    return report


@transaction.atomic
def required_report_update(
    *,
    report: RequiredReport,
    due_date: date,
    received_on: date | None,
    received_number: str = "",
    user=None,
) -> RequiredReport:
    """Move the due date (its task's periods follow) or record the report as received."""
    report = RequiredReport.objects.select_for_update().get(pk=report.pk)
    if received_on is None and received_number.strip():
        raise ValidationError(_("Cần ghi ngày nhận báo cáo."))
    task = report.task
    if due_date != report.due_date:
        if report.received_on:
            raise ValidationError(_("Báo cáo đã nhận: không đổi được hạn gửi."))
        if task is not None:
            task_update(task=task, due_date=due_date, user=user)
        report.due_date = due_date
    was_received = report.received_on is not None
    report.received_on = received_on
    report.received_number = received_number.strip()
    report.save()
    if task is not None and received_on is not None and not was_received:
        TaskPeriod.objects.filter(task=task, completed_on__isnull=True).update(
            completed_on=received_on
        )
        Task.objects.filter(pk=task.pk).update(state=TaskState.COMPLETED, completed_on=received_on)
    elif task is not None and received_on is None and was_received:
        TaskPeriod.objects.filter(task=task).update(completed_on=None)
        Task.objects.filter(pk=task.pk).update(state=TaskState.ASSIGNED, completed_on=None)
    if received_on is not None and not was_received:
        audit(report, "plans.required_report_receive", user=user, data={"on": str(received_on)})
    return report
