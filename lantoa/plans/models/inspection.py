"""Inspection, supervision and urging ("kiểm tra, giám sát, đôn đốc", item IV.3 of a plan).

An inspection plan visits units; a visit records findings and recommendations, and each
recommendation becomes a real plan task of the unit that must act on it (so it is followed up,
reminded and counted like every other task).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import FindingKind, InspectionKind


class InspectionPlan(models.Model):
    """A plan of inspections ("kế hoạch kiểm tra, giám sát") for a year."""

    title = models.CharField(_("tên kế hoạch kiểm tra"), max_length=255)
    kind = models.CharField(
        _("hình thức"), max_length=16, choices=InspectionKind.choices, default=InspectionKind.CHECK
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch được kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_plans",
    )
    source_section = models.ForeignKey(
        "plans.PlanSection",
        verbose_name=_("mục kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_plans",
        help_text=_("Mục của kế hoạch giao việc kiểm tra (thường là IV.3)."),
    )
    inspecting_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị kiểm tra"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    notes = models.TextField(_("nội dung, yêu cầu"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày lập"), auto_now_add=True)

    class Meta:
        verbose_name = _("kế hoạch kiểm tra, giám sát")
        verbose_name_plural = _("kế hoạch kiểm tra, giám sát")
        ordering = ["-year", "start", "pk"]

    def __str__(self) -> str:
        return self.title


class InspectionVisit(models.Model):
    """A visit of an inspection plan to one unit ("đơn vị được kiểm tra")."""

    inspection = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("kế hoạch kiểm tra"),
        on_delete=models.CASCADE,
        related_name="visits",
    )
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị được kiểm tra"),
        on_delete=models.PROTECT,
        related_name="inspection_visits",
    )
    planned_on = models.DateField(_("ngày dự kiến"))
    held_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    team = models.TextField(
        _("thành phần đoàn"),
        blank=True,
        help_text=_("Ghi chức danh, đơn vị của thành viên đoàn; không cần ghi thông tin cá nhân."),
    )
    summary = models.TextField(_("kết luận kiểm tra"), blank=True)

    class Meta:
        verbose_name = _("cuộc kiểm tra")
        verbose_name_plural = _("cuộc kiểm tra")
        ordering = ["-planned_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit} – {self.planned_on:%d/%m/%Y}"


class InspectionFinding(models.Model):
    """What a visit found: a strength, a shortcoming or a violation."""

    visit = models.ForeignKey(
        InspectionVisit,
        verbose_name=_("cuộc kiểm tra"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=FindingKind.choices)
    text = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("kết quả kiểm tra")
        verbose_name_plural = _("kết quả kiểm tra")
        ordering = ["visit", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class InspectionRecommendation(models.Model):
    """A recommendation of a visit; `task` is the follow-up task it created for `unit`."""

    visit = models.ForeignKey(
        InspectionVisit,
        verbose_name=_("cuộc kiểm tra"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    finding = models.ForeignKey(
        InspectionFinding,
        verbose_name=_("về kết quả"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    text = models.TextField(_("kiến nghị"))
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị thực hiện"),
        on_delete=models.PROTECT,
        related_name="inspection_recommendations",
    )
    due_date = models.DateField(_("hạn khắc phục"))
    task = models.OneToOneField(
        "plans.Task",
        verbose_name=_("nhiệm vụ khắc phục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_recommendation",
    )
    created_at = models.DateTimeField(_("ngày kiến nghị"), auto_now_add=True)

    class Meta:
        verbose_name = _("kiến nghị sau kiểm tra")
        verbose_name_plural = _("kiến nghị sau kiểm tra")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
