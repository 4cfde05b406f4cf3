"""Background jobs with progress, their result files, and the annual report's narrative."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
        verbose_name = _("tác vụ nền")
        verbose_name_plural = _("tác vụ nền")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        from .jobs import kind_label

        return f"{kind_label(self.kind)} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES


class JobFile(models.Model):
    """A file a job produced (the report DOCX, its XLSX annex, a PDF, an export)."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("tệp"), upload_to="jobs/%Y/%m/")
    name = models.CharField(_("tên tệp"), max_length=255)

    class Meta:
        verbose_name = _("tệp kết quả")
        verbose_name_plural = _("tệp kết quả")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class AnnualReportNarrative(models.Model):
    """The written parts of the annual report that figures cannot give: the assessment
    (strengths, shortcomings, causes) and the directions for next year, per plan and year.

    `plan_number` is the plan's number as written on it (e.g. "78-KH/ĐU"); blank covers every plan.
    """

    plan_number = models.CharField(_("số kế hoạch"), max_length=64, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    strengths = models.TextField(_("ưu điểm"), blank=True)
    shortcomings = models.TextField(_("hạn chế"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    lessons = models.TextField(_("bài học kinh nghiệm"), blank=True)
    directions = models.TextField(_("phương hướng, nhiệm vụ năm tới"), blank=True)
    recommendations = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("nội dung đánh giá báo cáo năm")
        verbose_name_plural = _("nội dung đánh giá báo cáo năm")
        ordering = ["-year", "plan_number"]
        constraints = [
            models.UniqueConstraint(fields=["plan_number", "year"], name="reports_narrative_once")
        ]

    def __str__(self) -> str:
        return f"Báo cáo năm {self.year} {self.plan_number}".strip()
