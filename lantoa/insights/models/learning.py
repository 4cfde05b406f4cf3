"""Versioned classifiers learned from staff labels, and the jobs that train them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import JobStatus, Task


class ClassifierModel(models.Model):
    """One trained version of the topic or tone classifier.

    `metrics` and `baseline_metrics` are cross-validated figures on the same folds
    (lantoa.insights.ml.metrics format). The version is used (`is_active`) only when its macro-F1
    beats the baseline's; the newest such version wins.
    """

    task = models.CharField(_("nhiệm vụ"), max_length=20, choices=Task.choices)
    version = models.PositiveIntegerField(_("phiên bản"))
    artefact = models.BinaryField(_("mô hình đã huấn luyện"))
    metrics = models.JSONField(_("chỉ số kiểm định chéo"), default=dict)
    baseline_name = models.CharField(_("mô hình đối chứng"), max_length=100)
    baseline_metrics = models.JSONField(_("chỉ số của mô hình đối chứng"), default=dict)
    n_labels = models.PositiveIntegerField(_("số nhãn huấn luyện"))
    folds = models.PositiveSmallIntegerField(_("số phần kiểm định chéo"))
    beats_baseline = models.BooleanField(_("tốt hơn đối chứng"), default=False)
    is_active = models.BooleanField(_("đang dùng"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản mô hình phân loại")
        verbose_name_plural = _("phiên bản mô hình phân loại")
        ordering = ["task", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["task", "version"], name="insights_model_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_task_display()} v{self.version}"

    @property
    def macro_f1(self) -> float:
        return float(self.metrics.get("macro_f1", 0.0))

    @property
    def baseline_macro_f1(self) -> float:
        return float(self.baseline_metrics.get("macro_f1", 0.0))


class TrainingJob(models.Model):
    """A retraining run (scheduled or on demand) with its progress for the progress bar."""

    task = models.CharField(_("nhiệm vụ"), max_length=20, choices=Task.choices)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    message = models.TextField(_("thông báo"), blank=True)
    model = models.ForeignKey(
        ClassifierModel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("phiên bản mô hình"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("người yêu cầu"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt huấn luyện")
        verbose_name_plural = _("lượt huấn luyện")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_task_display()} · {self.get_status_display()} {self.progress}%"
