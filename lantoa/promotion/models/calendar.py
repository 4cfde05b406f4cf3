"""The editorial calendar: campaigns, planned content per channel and language, outside posts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from lantoa.core.constants import Audience
from lantoa.core.fields import WebURLField, plan_item_field

from ..constants import CampaignKind, Channel, PlanState, ReachSource


class Campaign(models.Model):
    """A group of planned content tied to an occasion (a national holiday, a province event)."""

    name = models.CharField(_("tên chiến dịch"), max_length=200)
    kind = models.CharField(_("dịp"), max_length=30, choices=CampaignKind.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    event_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang sự kiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("mô tả"), blank=True)
    audience = models.CharField(
        _("đối tượng"),
        max_length=32,
        choices=Audience.choices,
        blank=True,
        help_text=_("Đối tượng chính của chiến dịch, ví dụ người Việt Nam ở nước ngoài."),
    )
    plan_item = plan_item_field()

    class Meta:
        verbose_name = _("chiến dịch")
        verbose_name_plural = _("chiến dịch")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.name


class ContentPlanItem(index.Indexed, models.Model):
    """One piece of planned content for one channel in one language, moving from idea to
    published. Website items link to their page; the page's go-live time is Wagtail's own."""

    title = models.CharField(_("nội dung"), max_length=250)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("chiến dịch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    language = models.CharField(_("ngôn ngữ"), max_length=10, choices=settings.LANGUAGES)
    theme = models.ForeignKey(
        "promotion.Theme",
        verbose_name=_("chủ đề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=PlanState.choices, default=PlanState.IDEA
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("biên tập viên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promotion_items",
    )
    planned_at = models.DateTimeField(_("dự kiến đăng lúc"))
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang trên cổng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("channel"),
        index.FilterField("state"),
        index.FilterField("language"),
    ]

    class Meta:
        verbose_name = _("nội dung kế hoạch")
        verbose_name_plural = _("lịch biên tập")
        ordering = ["planned_at"]
        indexes = [models.Index(fields=["planned_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def go_live_at(self):
        """When the linked page goes (or went) live: its scheduled revision, else its own field."""
        if self.page_id is None:
            return None
        page = self.page
        scheduled = page.revisions.filter(approved_go_live_at__isnull=False).order_by("-created_at")
        revision = scheduled.first()
        if revision is not None:
            return revision.approved_go_live_at
        return page.go_live_at or page.first_published_at


class ChannelPost(models.Model):
    """A post the office made on an outside channel, with its reach as the platform reported it.
    Lantoa never posts by itself; staff record posts here by hand or from the platform's CSV."""

    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    language = models.CharField(_("ngôn ngữ"), max_length=10, choices=settings.LANGUAGES)
    url = WebURLField(_("địa chỉ bài đăng"), max_length=500, unique=True)
    title = models.CharField(_("tiêu đề"), max_length=250, blank=True)
    posted_at = models.DateTimeField(_("đăng lúc"))
    reach = models.PositiveIntegerField(_("lượt tiếp cận"), default=0)
    interactions = models.PositiveIntegerField(_("lượt tương tác"), default=0)
    plan_item = models.ForeignKey(
        ContentPlanItem,
        verbose_name=_("theo kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    source = models.CharField(
        _("nguồn số liệu"), max_length=10, choices=ReachSource.choices, default=ReachSource.MANUAL
    )
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now=True)

    class Meta:
        verbose_name = _("bài đăng trên kênh ngoài")
        verbose_name_plural = _("bài đăng trên kênh ngoài")
        ordering = ["-posted_at"]

    def __str__(self) -> str:
        return self.title or self.url
