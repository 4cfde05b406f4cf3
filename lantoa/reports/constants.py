"""Choices for background jobs and report kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    SUCCEEDED = "succeeded", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


FINISHED_STATES = (JobState.SUCCEEDED, JobState.FAILED)

# Job kinds provided by this app (other apps register their own, see lantoa.reports.jobs).
ANNUAL_REPORT = "reports.annual_report"
KPI_EXPORT = "reports.kpi_export"
