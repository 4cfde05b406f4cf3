"""In-app reminders the daily follow-up job leaves for units."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import NotificationKind


class Notification(models.Model):
    """A reminder to a unit about a task ("sắp đến hạn", "quá hạn", "thiếu báo cáo").

    The follow-up service writes at most one per unit, task, period, kind and day (get_or_create),
    so the daily job can run twice harmlessly.
    """

    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    task = models.ForeignKey(
        "plans.Task", verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="+"
    )
    period = models.ForeignKey(
        "plans.TaskPeriod",
        verbose_name=_("kỳ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("loại"), max_length=32, choices=NotificationKind.choices)
    message = models.TextField(_("nội dung"))
    created_on = models.DateField(_("ngày"))
    emailed = models.BooleanField(_("đã gửi thư"), default=False)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhắc việc")
        verbose_name_plural = _("nhắc việc")
        ordering = ["-created_on", "-pk"]
        indexes = [models.Index(fields=["unit", "created_on"])]

    def __str__(self) -> str:
        return self.message[:80]
