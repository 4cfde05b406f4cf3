"""The work a plan sets: tasks, their reporting periods, progress reports and dissemination."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantoa.core.uploads import RandomName

from ..constants import Audience, DeadlineKind, ReportState, SessionForm, TaskState


class Task(models.Model):
    """A task with exactly one lead unit ("chủ trì") and any coordinating units ("phối hợp").

    Deadlines live on the task's periods (one period for a dated task, one per year, quarter or
    month for a recurring one), so every status bucket is computed the same way (see selectors).
    """

    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    assignment = models.ForeignKey(
        "plans.Assignment",
        verbose_name=_("phân công"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    source_section = models.ForeignKey(
        "plans.PlanSection",
        verbose_name=_("mục nguồn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    title = models.CharField(_("tên nhiệm vụ"), max_length=255)
    text = models.TextField(_("nội dung"), blank=True)
    lead_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        related_name="lead_tasks",
    )
    coordinating_units = models.ManyToManyField(
        "core.Unit",
        verbose_name=_("đơn vị phối hợp"),
        blank=True,
        related_name="coordinating_tasks",
    )
    deadline_kind = models.CharField(
        _("loại thời hạn"), max_length=16, choices=DeadlineKind.choices, default=DeadlineKind.DATE
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    end_date = models.DateField(
        _("ngày kết thúc"), null=True, blank=True, help_text=_("Cho nhiệm vụ định kỳ.")
    )
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=TaskState.choices, default=TaskState.ASSIGNED
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    created_at = models.DateTimeField(_("ngày giao"), auto_now_add=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["start_date", "pk"]
        permissions = [("review_progressreport", _("Xem xét báo cáo tiến độ"))]

    def __str__(self) -> str:
        return self.title

    def bucket_label(self) -> str:
        """The status bucket's label, when the queryset was annotated by the selectors."""
        from ..constants import Bucket

        bucket = getattr(self, "bucket", None)
        return str(Bucket(bucket).label) if bucket else ""

    bucket_label.short_description = _("Tình trạng thực hiện")


class TaskPeriod(models.Model):
    """A reporting period of a task; its `due` is the deadline the buckets measure against."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="periods"
    )
    label = models.CharField(_("kỳ"), max_length=64)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    due = models.DateField(_("hạn báo cáo"))
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["task", "start"]
        constraints = [
            models.UniqueConstraint(fields=["task", "start"], name="plans_period_unique")
        ]

    def __str__(self) -> str:
        return f"{self.task} – {self.label}"


class ProgressReport(models.Model):
    """What a responsible unit did on a task in a period; the lead unit accepts or returns it."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="reports"
    )
    period = models.ForeignKey(
        TaskPeriod,
        verbose_name=_("kỳ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="+"
    )
    narrative = models.TextField(_("kết quả thực hiện"))
    sessions_held = models.PositiveIntegerField(_("số buổi, hội nghị"), default=0)
    attendees = models.PositiveIntegerField(_("số lượt người tham dự"), default=0)
    articles_published = models.PositiveIntegerField(_("số tin, bài đăng tải"), default=0)
    other_figures = models.TextField(_("số liệu khác"), blank=True)
    reports_completion = models.BooleanField(
        _("báo cáo hoàn thành"),
        default=False,
        help_text=_("Đơn vị báo cáo nhiệm vụ (hoặc kỳ) đã hoàn thành."),
    )
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=ReportState.choices, default=ReportState.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_on = models.DateField(_("ngày gửi"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xem xét"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("thời điểm xem xét"), null=True, blank=True)
    review_note = models.TextField(_("ý kiến xem xét"), blank=True)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-submitted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit} – {self.task}"


class ReportEvidence(models.Model):
    """A file attached to a progress report (minutes, photos, attendance lists)."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="evidence"
    )
    # Stored under a random name; `title` keeps the name it was uploaded with.
    file = models.FileField(_("tệp minh chứng"), upload_to=RandomName("plans/evidence"))
    title = models.CharField(_("mô tả"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.title or self.file.name.rsplit("/", 1)[-1]


class DisseminationSession(models.Model):
    """A "quán triệt, tuyên truyền" session an organisation held on a directive or plan."""

    organisation = models.ForeignKey(
        "core.Unit",
        verbose_name=_("tổ chức thực hiện"),
        on_delete=models.PROTECT,
        related_name="dissemination_sessions",
    )
    directive = models.ForeignKey(
        "plans.Directive",
        verbose_name=_("văn bản quán triệt"),
        on_delete=models.PROTECT,
        related_name="dissemination_sessions",
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dissemination_sessions",
    )
    held_on = models.DateField(_("ngày tổ chức"))
    form = models.CharField(_("hình thức"), max_length=32, choices=SessionForm.choices)
    audience = models.CharField(_("đối tượng"), max_length=32, choices=Audience.choices)
    invited = models.PositiveIntegerField(_("số được triệu tập"), default=0)
    attended = models.PositiveIntegerField(_("số tham dự"), default=0)
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("buổi quán triệt, tuyên truyền")
        verbose_name_plural = _("quán triệt, tuyên truyền")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.held_on:%d/%m/%Y}"
