"""Security events (see `events.py`): the one model of the security app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityEventKind(models.TextChoices):
    LOCKOUT = "lockout", _("Khóa đăng nhập")
    UPLOAD_REFUSED = "upload_refused", _("Từ chối tệp tải lên")
    OUTBOUND_REFUSED = "outbound_refused", _("Từ chối địa chỉ gửi ra ngoài")
    PERMISSION_REFUSED = "permission_refused", _("Từ chối quyền truy cập")
    AUTH_FAILED = "auth_failed", _("Xác thực API thất bại nhiều lần")
    ENROLMENT_REFUSED = "enrolment_refused", _("Từ chối đăng ký xác thực hai lớp")


class SecurityEvent(models.Model):
    """Something a security control refused, for administrators to review."""

    kind = models.CharField(_("loại"), max_length=32, choices=SecurityEventKind.choices)
    message = models.TextField(_("nội dung"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.GenericIPAddressField(_("địa chỉ máy khách"), null=True, blank=True)
    path = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    target = models.CharField(_("đối tượng"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sự kiện bảo mật")
        verbose_name_plural = _("sự kiện bảo mật")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message[:80]}"
