"""Who receives the daily bulletin: shipped configuration (`config/bulletin_recipients.yaml`),
edited in the admin afterwards."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantoa.core.constants import Role

# Exactly one of role, account and address says who an entry reaches.
_ONE_TARGET = (
    Q(role__gt="", user__isnull=True, email="")
    | Q(role="", user__isnull=False, email="")
    | Q(role="", user__isnull=True, email__gt="")
)


class BulletinRecipient(models.Model):
    """One entry of the bulletin's mailing list: every active member of a role who has an
    address, one staff account, or an outside address (a leader's secretariat, a mailbox)."""

    name = models.CharField(_("tên"), max_length=200, unique=True)
    role = models.CharField(
        _("vai trò"),
        max_length=50,
        choices=Role.choices,
        blank=True,
        help_text=_("Mọi tài khoản đang hoạt động của vai trò này có địa chỉ thư."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Một cán bộ cụ thể (nhận vào địa chỉ thư của tài khoản)."),
    )
    email = models.EmailField(
        _("địa chỉ thư"), blank=True, help_text=_("Một địa chỉ ngoài hệ thống.")
    )
    is_active = models.BooleanField(_("đang nhận"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nơi nhận bản tin")
        verbose_name_plural = _("nơi nhận bản tin")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=_ONE_TARGET, name="bulletin_recipient_one_target")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if sum(bool(v) for v in (self.role, self.user_id, self.email)) != 1:
            raise ValidationError(_("Chọn đúng một trong: vai trò, tài khoản hoặc địa chỉ thư."))
