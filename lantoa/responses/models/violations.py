"""The register of violations in external-information activities (III.2 "xử lý vi phạm").

It records acts, never people: the unit and the role involved (for example "phóng viên nước
ngoài", "cán bộ phường"), the act and how it was handled. Names, identity numbers, e-mail
addresses and phone numbers are not recorded (the services redact what slips into the text).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import ViolationKind, ViolationOutcome, ViolationState


class Violation(models.Model):
    kind = models.CharField(_("loại vi phạm"), max_length=24, choices=ViolationKind.choices)
    summary = models.CharField(_("hành vi vi phạm"), max_length=300)
    description = models.TextField(
        _("mô tả"),
        blank=True,
        help_text=_("Mô tả hành vi; không ghi họ tên, số giấy tờ hay thông tin cá nhân."),
    )
    occurred_on = models.DateField(_("ngày xảy ra"))
    detected_on = models.DateField(_("ngày phát hiện"))
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị liên quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị quản lý người hoặc hoạt động vi phạm (nếu thuộc phường)."),
    )
    actor_role = models.CharField(
        _("vai trò, chức danh liên quan"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ: phóng viên nước ngoài, cán bộ phường, cơ sở in. Không ghi họ tên."),
    )
    handling_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị xử lý"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    items = models.ManyToManyField(
        "monitoring.Item", verbose_name=_("tin liên quan"), blank=True, related_name="violations"
    )
    cases = models.ManyToManyField(
        "responses.Case", verbose_name=_("vụ việc liên quan"), blank=True, related_name="violations"
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=ViolationState.choices,
        default=ViolationState.RECEIVED,
    )
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_ref = models.CharField(_("số văn bản xử lý"), max_length=64, blank=True)
    decision = models.TextField(_("quyết định xử lý"), blank=True)
    outcome = models.CharField(
        _("kết quả xử lý"), max_length=24, choices=ViolationOutcome.choices, blank=True
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày ghi sổ"), auto_now_add=True)

    class Meta:
        verbose_name = _("vi phạm")
        verbose_name_plural = _("sổ theo dõi vi phạm")
        ordering = ["-detected_on", "-pk"]

    def __str__(self) -> str:
        return self.summary


class ViolationStep(models.Model):
    """One handling step ("xác minh", "làm việc với đơn vị", "lập biên bản"…)."""

    violation = models.ForeignKey(
        Violation, verbose_name=_("vi phạm"), on_delete=models.CASCADE, related_name="steps"
    )
    taken_on = models.DateField(_("ngày"))
    action = models.TextField(_("nội dung xử lý"))
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bước xử lý vi phạm")
        verbose_name_plural = _("các bước xử lý vi phạm")
        ordering = ["violation", "taken_on", "pk"]

    def __str__(self) -> str:
        return f"{self.taken_on:%d/%m/%Y}: {self.action[:60]}"
