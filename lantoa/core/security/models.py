"""Models of the security app: security events (see `events.py`) and two-factor enrolment
codes (see `services.enrolment_code_issue`)."""

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


class EnrolmentCode(models.Model):
    """A single-use code an administrator issues so that a leader can enrol a second factor.

    The password alone must not be enough to bind an authenticator to a leader's account (whoever
    stole the password would bind theirs). Only a SHA-256 digest of the code is stored; the code
    itself is shown once, to the administrator who issued it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="enrolment_codes",
    )
    digest = models.CharField(_("mã (băm)"), max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("dùng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã đăng ký xác thực hai lớp")
        verbose_name_plural = _("mã đăng ký xác thực hai lớp")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"
