"""Reports a plan requires of a unit by a date ("báo cáo bắt buộc"), tracked as received or missing.

IV.1 of a ward plan: the ward government reports yearly to the Party Committee's Standing
Committee. Each required report has a follow-up task (so the daily job reminds it like every
other deadline); receiving it completes that task and records the register number it came with.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import RequiredReportStatus


class RequiredReport(models.Model):
    title = models.CharField(_("tên báo cáo"), max_length=255)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="required_reports",
    )
    source_section = models.ForeignKey(
        "plans.PlanSection",
        verbose_name=_("mục kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="required_reports",
    )
    reporting_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị báo cáo"),
        on_delete=models.PROTECT,
        related_name="required_reports",
    )
    recipient = models.CharField(
        _("nơi nhận báo cáo"), max_length=255, default="Ban Thường vụ Đảng ủy"
    )
    year = models.PositiveSmallIntegerField(_("năm báo cáo"))
    due_date = models.DateField(_("hạn gửi"))
    received_on = models.DateField(_("ngày nhận"), null=True, blank=True)
    received_number = models.CharField(
        _("số, ký hiệu báo cáo nhận được"), max_length=64, blank=True
    )
    task = models.OneToOneField(
        "plans.Task",
        verbose_name=_("nhiệm vụ theo dõi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="required_report",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("báo cáo bắt buộc")
        verbose_name_plural = _("báo cáo bắt buộc")
        ordering = ["-year", "due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporting_unit", "title", "year"], name="plans_required_report_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def status(self, *, as_of: date | None = None) -> str:
        """Received (on time or late), missing (past due, not received) or pending: a fact of the
        row's own dates, so it lives here and `selectors` reads it (no model → selector import)."""
        if self.received_on:
            on_time = self.received_on <= self.due_date
            return (
                RequiredReportStatus.RECEIVED_ON_TIME
                if on_time
                else RequiredReportStatus.RECEIVED_LATE
            )
        as_of = as_of or timezone.localdate()
        return (
            RequiredReportStatus.MISSING if self.due_date < as_of else RequiredReportStatus.PENDING
        )

    def status_label(self) -> str:
        return str(RequiredReportStatus(self.status()).label)

    status_label.short_description = _("Tình trạng")
