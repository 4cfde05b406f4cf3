"""Background jobs with progress, and the files they produce.

The tables keep the names they had when jobs lived in the reports app (`reports_job`,
`reports_jobfile`): the model moved, the data stayed (core migration 0002, reports 0002).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import kind_label
from .constants import FINISHED_STATES, JobState


class Job(models.Model):
    """One piece of long work (a report, an export, an import…) run by a Celery worker.

    The worker reports progress (0–100) and messages as it goes; the admin's job list polls them.
    A failed job keeps its reason and can be retried with the same parameters.
    """

    kind = models.CharField(_("loại tác vụ"), max_length=64, db_index=True)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    state = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=JobState.choices,
        default=JobState.QUEUED,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    messages = models.JSONField(_("diễn biến"), default=list, blank=True)
    error = models.TextField(_("lý do lỗi"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        db_table = "reports_job"
        verbose_name = _("tác vụ nền")
        verbose_name_plural = _("tác vụ nền")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{kind_label(self.kind)} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES


class JobFile(models.Model):
    """A file a job produced (the report DOCX, its XLSX annex, a PDF, an export)."""

    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="files", verbose_name=_("tác vụ nền")
    )
    file = models.FileField(_("tệp"), upload_to="jobs/%Y/%m/")
    name = models.CharField(_("tên tệp"), max_length=255)

    class Meta:
        db_table = "reports_jobfile"
        verbose_name = _("tệp kết quả")
        verbose_name_plural = _("tệp kết quả")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
