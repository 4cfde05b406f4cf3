"""Organisation tree and users. (API tokens are Wagtail's own `wagtail.models.APIToken`.)"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import ModelLogEntry
from wagtail.models.audit_log import ModelLogEntryManager

from .constants import UnitKind
from .roles import log_entries_visible_to


class Unit(models.Model):
    """An organisation of the ward (Đảng ủy, a Party cell, UBND, MTTQ, Đoàn thanh niên …).

    Units form a tree through `parent`; tasks name one lead unit and any coordinating units, and
    unit reporters see only their own unit's records.
    """

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    aliases = models.TextField(
        _("tên gọi khác"),
        blank=True,
        help_text=_("Mỗi dòng một cách gọi, dùng để nhận ra đơn vị trong văn bản."),
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class User(AbstractUser):
    """A staff member. Belongs to at most one unit; roles are Wagtail groups (see Role)."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    # The hash of a temporary password an administrator handed out (staff import): while the
    # account still has it, the admin asks for a new one first (core.security.passwords).
    temporary_password = models.CharField(
        _("mật khẩu tạm"), max_length=128, blank=True, default="", db_default="", editable=False
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def get_full_name(self) -> str:
        """Vietnamese order: family and middle names (last_name) before the given name."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()

    def set_temporary_password(self, raw_password: str) -> None:
        self.set_password(raw_password)
        self.temporary_password = self.password

    @property
    def has_temporary_password(self) -> bool:
        return bool(self.temporary_password) and self.temporary_password == self.password


class UnitScopedLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        return log_entries_visible_to(super().viewable_by_user(user), user)


class UnitScopedLogEntry(ModelLogEntry):
    """Wagtail's log entry of a (non-page) record, read through the unit scoping: the site history
    (and its user and action filters) leaves out what a unit reporter may not see of another unit.
    A proxy of Wagtail's table, registered for every model in core's `register_log_actions` hook,
    so existing entries stay where they are."""

    objects = UnitScopedLogEntryManager()

    class Meta:
        proxy = True
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")


# Background jobs live in their own module; importing them here registers them with this app.
from .jobs.models import Job, JobFile  # noqa: E402, F401


@register_setting(icon="home")
class OfficeProfile(BaseGenericSetting):
    """The ward or commune this install serves, as its administrator set it on the first-run
    setup page. An empty field falls back to its `LANTOA_*` setting (see `selectors.office`)."""

    place = models.CharField(
        _("tên phường, xã"), max_length=100, blank=True, help_text=_("Ví dụ: Quy Nhơn.")
    )
    province = models.CharField(_("tỉnh, thành phố"), max_length=100, blank=True)
    office_name = models.CharField(
        _("tên cơ quan ký văn bản"),
        max_length=200,
        blank=True,
        help_text=_("Để trống: “Đảng ủy phường <tên phường>”."),
    )
    parent_body = models.CharField(
        _("cấp ủy cấp trên"),
        max_length=200,
        blank=True,
        help_text=_("Dòng đầu của tiêu đề văn bản Đảng. Để trống: “Đảng bộ tỉnh <tên tỉnh>”."),
    )

    class Meta:
        verbose_name = _("thông tin cơ quan")
        verbose_name_plural = _("thông tin cơ quan")

    def __str__(self) -> str:
        return self.office_name or self.place or str(_("thông tin cơ quan"))
