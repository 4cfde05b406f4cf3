"""Staff doing external-information work, their training, the rapid-response team, collaborators.

No profiling: Lantoa records what a person does for the plan (role, languages, trainings attended,
shifts, what a collaborator agreed to do), never their opinions.
"""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantoa.core.fields import plan_item_field

from .constants import (
    LANGUAGE_CHOICES,
    CollaboratorKind,
    ConsentMethod,
    ContactChannel,
    TeamRole,
    WorkRole,
)


class ContactFields(models.Model):
    """How a person prefers to be reached (shared by staff and collaborators)."""

    preferred_channel = models.CharField(
        _("cách liên hệ ưu tiên"),
        max_length=20,
        choices=ContactChannel.choices,
        default=ContactChannel.PHONE,
    )
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    contact_note = models.CharField(
        _("ghi chú liên hệ"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: chỉ gọi giờ hành chính; nhắn Zalo trước khi gọi."),
    )

    class Meta:
        abstract = True


class StaffMember(ContactFields):
    """A person doing TTĐN work for a unit: a Lantoa user, or a named person without an account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_member",
    )
    full_name = models.CharField(_("họ và tên"), max_length=255)
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="staff"
    )
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    work_role = models.CharField(
        _("vai trò trong công tác TTĐN"), max_length=32, choices=WorkRole.choices
    )
    languages = models.CharField(
        _("ngoại ngữ"),
        max_length=100,
        blank=True,
        help_text=_("Mã ngôn ngữ, cách nhau bởi dấu phẩy, ví dụ: en, zh."),
    )
    is_active = models.BooleanField(_("đang làm công tác TTĐN"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("cán bộ làm công tác TTĐN")
        verbose_name_plural = _("cán bộ làm công tác TTĐN")
        ordering = ["unit__sort_order", "full_name"]

    def __str__(self) -> str:
        return self.full_name

    def language_list(self) -> list[str]:
        return [code.strip().lower() for code in self.languages.split(",") if code.strip()]

    def clean(self):
        known = {code for code, _label in LANGUAGE_CHOICES}
        unknown = [code for code in self.language_list() if code not in known]
        if unknown:
            raise ValidationError(
                {"languages": _("Mã ngôn ngữ không hợp lệ: %s") % ", ".join(unknown)}
            )


class Training(models.Model):
    """A training course or refresher on external-information work."""

    title = models.CharField(_("tên lớp, khóa tập huấn"), max_length=255)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=255)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị cử người / phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
    )
    topics = models.TextField(_("nội dung, chuyên đề"), blank=True)
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    plan_item = plan_item_field()

    class Meta:
        verbose_name = _("lớp tập huấn")
        verbose_name_plural = _("lớp tập huấn")
        ordering = ["-start_date", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date:%d/%m/%Y})"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class TrainingAttendance(models.Model):
    """One staff member attending one training."""

    training = models.ForeignKey(
        Training,
        verbose_name=_("lớp tập huấn"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    staff = models.ForeignKey(
        StaffMember,
        verbose_name=_("cán bộ"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    completed = models.BooleanField(_("hoàn thành"), default=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("người tham gia tập huấn")
        verbose_name_plural = _("người tham gia tập huấn")
        constraints = [
            models.UniqueConstraint(fields=["training", "staff"], name="people_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.staff} – {self.training}"


class RapidResponseTeam(models.Model):
    """The rapid-response core ("lực lượng phản ứng nhanh"); cases are assigned from it."""

    name = models.CharField(_("tên tổ"), max_length=255)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị quản lý"),
        on_delete=models.PROTECT,
        related_name="rapid_response_teams",
    )
    description = models.TextField(_("nhiệm vụ"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("tổ phản ứng nhanh")
        verbose_name_plural = _("tổ phản ứng nhanh")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TeamMembership(models.Model):
    """A staff member in a rapid-response team, from a date until (optionally) a date."""

    team = models.ForeignKey(
        RapidResponseTeam,
        verbose_name=_("tổ"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    staff = models.ForeignKey(
        StaffMember,
        verbose_name=_("thành viên"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("vai trò"), max_length=16, choices=TeamRole.choices, default=TeamRole.MEMBER
    )
    joined_on = models.DateField(_("từ ngày"))
    left_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên tổ phản ứng nhanh")
        verbose_name_plural = _("thành viên tổ phản ứng nhanh")
        ordering = ["team", "role", "staff__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "staff"], name="people_membership_once")
        ]

    def __str__(self) -> str:
        return f"{self.staff} – {self.team}"


class OnCallShift(models.Model):
    """Who is on call for a team in one ISO week (year + week number)."""

    team = models.ForeignKey(
        RapidResponseTeam, verbose_name=_("tổ"), on_delete=models.CASCADE, related_name="shifts"
    )
    staff = models.ForeignKey(
        StaffMember, verbose_name=_("người trực"), on_delete=models.CASCADE, related_name="shifts"
    )
    iso_year = models.PositiveSmallIntegerField(_("năm (ISO)"))
    iso_week = models.PositiveSmallIntegerField(_("tuần (ISO)"))
    is_primary = models.BooleanField(_("trực chính"), default=True)

    class Meta:
        verbose_name = _("lịch trực tuần")
        verbose_name_plural = _("lịch trực tuần")
        ordering = ["-iso_year", "-iso_week", "-is_primary"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "iso_year", "iso_week", "staff"], name="people_shift_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.team} – tuần {self.iso_week}/{self.iso_year}: {self.staff}"

    def clean(self):
        if self.iso_week is not None and not 1 <= self.iso_week <= 53:
            raise ValidationError({"iso_week": _("Tuần phải từ 1 đến 53.")})


class Collaborator(ContactFields):
    """A business person, artist, person of standing or young volunteer who agreed to help.

    Exists only with a recorded consent (date, scope, how it was given). Records what the person
    agreed to do, nothing about their views. `collaborator_erase` removes every personal field and
    leaves a tombstone (kind, unit, erased_at) so counts and the audit trail stay consistent.
    """

    full_name = models.CharField(_("họ và tên"), max_length=255)
    kind = models.CharField(_("nhóm"), max_length=32, choices=CollaboratorKind.choices)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị phụ trách"),
        on_delete=models.PROTECT,
        related_name="collaborators",
    )
    agreed_activities = models.TextField(
        _("nội dung đồng ý tham gia"),
        help_text=_("Những việc người này đồng ý làm, ví dụ: chia sẻ bài quảng bá, dẫn đoàn."),
    )
    consent_date = models.DateField(_("ngày đồng ý"))
    consent_scope = models.TextField(
        _("phạm vi đồng ý"),
        help_text=_("Dữ liệu nào được lưu, dùng vào việc gì, trong bao lâu."),
    )
    consent_method = models.CharField(
        _("hình thức đồng ý"), max_length=32, choices=ConsentMethod.choices
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    erased_at = models.DateTimeField(_("đã xóa dữ liệu lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("cộng tác viên")
        verbose_name_plural = _("cộng tác viên")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class CollaboratorParticipation(models.Model):
    """A collaborator taking part in a campaign of the editorial calendar (promotion.Campaign),
    or in an event outside it, named in `event`. One of the two is required."""

    collaborator = models.ForeignKey(
        Collaborator,
        verbose_name=_("cộng tác viên"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    date = models.DateField(_("ngày"))
    campaign = models.ForeignKey(
        "promotion.Campaign",
        verbose_name=_("chiến dịch (lịch biên tập)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collaborator_participations",
    )
    event = models.CharField(
        _("sự kiện khác"),
        max_length=255,
        blank=True,
        help_text=_("Chỉ điền khi hoạt động không thuộc chiến dịch nào của lịch biên tập."),
    )
    description = models.TextField(_("nội dung tham gia"), blank=True)

    class Meta:
        verbose_name = _("tham gia chiến dịch")
        verbose_name_plural = _("tham gia chiến dịch")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(campaign__isnull=False) | ~models.Q(event=""),
                name="people_participation_campaign_or_event",
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity_name()} ({self.date:%d/%m/%Y})"

    @admin.display(description=_("chiến dịch, sự kiện"))
    def activity_name(self) -> str:
        return self.campaign.name if self.campaign_id else self.event

    def clean(self):
        if self.campaign_id is None and not self.event.strip():
            raise ValidationError(
                {"campaign": _("Chọn một chiến dịch của lịch biên tập hoặc ghi tên sự kiện khác.")}
            )
