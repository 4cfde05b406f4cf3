"""Daily follow-up ("theo dõi, đôn đốc"): remind units in-app and by e-mail."""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from lantoa.core.models import User

from ..constants import DUE_SOON_DAYS, NotificationKind, ReportState, TaskState
from ..models import Notification, TaskPeriod

FOLLOWUP_TASK_NAME = "lantoa.plans.tasks.followup_daily_task"
FOLLOWUP_SCHEDULE_NAME = "Kế hoạch: nhắc việc, đôn đốc hằng ngày"


def _open_periods():
    return (
        TaskPeriod.objects.filter(completed_on__isnull=True)
        .exclude(task__state__in=[TaskState.COMPLETED, TaskState.CANCELLED])
        .select_related("task", "task__lead_unit")
    )


@transaction.atomic
def followup_run(*, as_of: date, send_email: bool = True) -> dict[str, int]:
    """Create today's reminders (idempotent per unit, task, period, kind and day); mail them.

    - due soon: an open period due within the next 7 days → lead and coordinating units;
    - overdue: an open period past its due date → the lead unit;
    - missing report: a past-due period of a recurring task without any report from the lead unit.
    """
    created: list[Notification] = []
    counts = {kind: 0 for kind in NotificationKind.values}

    def notify(unit, period, kind, message):
        note, was_created = Notification.objects.get_or_create(
            unit=unit,
            task=period.task,
            period=period,
            kind=kind,
            created_on=as_of,
            defaults={"message": message},
        )
        if was_created:
            created.append(note)
            counts[kind] += 1

    horizon = as_of + timedelta(days=DUE_SOON_DAYS)
    for period in _open_periods().filter(due__gte=as_of, due__lte=horizon):
        task = period.task
        message = _("Nhiệm vụ “%(task)s” (%(period)s) đến hạn ngày %(due)s.") % {
            "task": task.title,
            "period": period.label,
            "due": f"{period.due:%d/%m/%Y}",
        }
        for unit in [task.lead_unit, *task.coordinating_units.all()]:
            notify(unit, period, NotificationKind.DUE_SOON, message)
    for period in _open_periods().filter(due__lt=as_of):
        task = period.task
        days = (as_of - period.due).days
        notify(
            task.lead_unit,
            period,
            NotificationKind.OVERDUE,
            _("Nhiệm vụ “%(task)s” (%(period)s) đã quá hạn %(days)s ngày (hạn %(due)s).")
            % {
                "task": task.title,
                "period": period.label,
                "days": days,
                "due": f"{period.due:%d/%m/%Y}",
            },
        )
        if (
            task.deadline_kind != "date"
            and not period.reports.filter(unit=task.lead_unit)
            .exclude(state=ReportState.RETURNED)
            .exists()
        ):
            notify(
                task.lead_unit,
                period,
                NotificationKind.REPORT_MISSING,
                _("Chưa có báo cáo %(period)s của nhiệm vụ “%(task)s”.")
                % {"period": period.label, "task": task.title},
            )
    emails = 0
    if send_email and created:
        by_unit: dict[int, list[Notification]] = {}
        for note in created:
            by_unit.setdefault(note.unit_id, []).append(note)
        for notes in by_unit.values():
            unit = notes[0].unit
            recipients = {unit.email} if unit.email else set()
            recipients |= set(
                User.objects.filter(unit=unit, is_active=True)
                .exclude(email="")
                .values_list("email", flat=True)
            )
            if not recipients:
                continue
            body = "\n".join(f"- {note.message}" for note in notes)
            send_mail(
                _("[Lantoa] Nhắc việc ngày %(date)s") % {"date": f"{as_of:%d/%m/%Y}"},
                _("Kính gửi %(unit)s,\n\n%(body)s\n\nXem chi tiết trong Lantoa: %(url)s\n")
                % {
                    "unit": unit.name,
                    "body": body,
                    "url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/plans/my-unit/",
                },
                settings.DEFAULT_FROM_EMAIL,
                sorted(recipients),
            )
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed=True)
            emails += 1
    return {**counts, "emails": emails}
