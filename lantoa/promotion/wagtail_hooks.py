"""Admin of the promotion app: library and calendar snippets, calendar and translation views,
the dashboard panel."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lantoa.core.panels import Count, CountsPanel

from . import admin_views
from .constants import PlanState
from .models import Campaign, ChannelPost, ContentPlanItem, MediaAsset, Theme
from .selectors import pages_scheduled, translation_work_counts


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Chủ đề")
    list_display = ["name", "code"]
    search_fields = ["name"]


class MediaAssetFilterSet(WagtailFilterSet):
    class Meta:
        model = MediaAsset
        fields = ["kind", "licence", "language", "themes"]


class MediaAssetViewSet(SnippetViewSet):
    model = MediaAsset
    icon = "image"
    menu_label = _("Thư viện tư liệu")
    list_display = ["title", "kind", "language", "credit", "licence", "rights_expire_on"]
    list_export = [
        "title",
        "kind",
        "language",
        "credit",
        "licence",
        "usage_rights",
        "rights_expire_on",
        "video_url",
        "created_at",
    ]
    export_filename = "thu-vien-tu-lieu"
    filterset_class = MediaAssetFilterSet
    search_fields = ["title", "credit"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "kind",
        "image",
        "document",
        "video_url",
        "themes",
        "language",
        "credit",
        "licence",
        "usage_rights",
        "rights_expire_on",
    ]


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "calendar-alt"
    menu_label = _("Chiến dịch")
    list_display = ["name", "kind", "starts_on", "ends_on"]
    list_filter = ["kind"]
    list_export = ["name", "kind", "starts_on", "ends_on", "description"]
    export_filename = "chien-dich"
    search_fields = ["name"]
    inspect_view_enabled = True


class PlanItemFilterSet(WagtailFilterSet):
    class Meta:
        model = ContentPlanItem
        fields = ["state", "channel", "language", "campaign", "theme", "assignee"]


class ContentPlanItemViewSet(SnippetViewSet):
    model = ContentPlanItem
    icon = "date"
    menu_label = _("Nội dung kế hoạch")
    list_display = ["title", "channel", "language", "state", "assignee", "planned_at", "campaign"]
    list_export = [
        "title",
        "channel",
        "language",
        "theme",
        "state",
        "assignee",
        "planned_at",
        "campaign",
        "page",
        "go_live_at",
        "notes",
    ]
    export_filename = "lich-bien-tap"
    filterset_class = PlanItemFilterSet
    search_fields = ["title"]
    inspect_view_enabled = True
    ordering = ["planned_at"]


class ChannelPostFilterSet(WagtailFilterSet):
    class Meta:
        model = ChannelPost
        fields = ["channel", "language", "source"]


class ChannelPostViewSet(SnippetViewSet):
    model = ChannelPost
    icon = "link"
    menu_label = _("Bài trên kênh ngoài")
    list_display = ["title", "channel", "language", "posted_at", "reach", "interactions", "source"]
    list_export = [
        "url",
        "title",
        "channel",
        "language",
        "posted_at",
        "reach",
        "interactions",
        "plan_item",
        "source",
    ]
    export_filename = "bai-dang-kenh-ngoai"
    filterset_class = ChannelPostFilterSet
    search_fields = ["title", "url"]
    inspect_view_enabled = True


class PromotionGroup(SnippetViewSetGroup):
    menu_label = _("Quảng bá")
    menu_icon = "globe"
    menu_order = 300
    items = (
        ContentPlanItemViewSet,
        CampaignViewSet,
        ChannelPostViewSet,
        MediaAssetViewSet,
        ThemeViewSet,
    )


register_snippet(PromotionGroup)

admin_urls = [
    path("calendar/", admin_views.calendar_view, name="calendar"),
    path("calendar/lich-bien-tap.ics", admin_views.calendar_ical, name="calendar_ical"),
    path("translations/", admin_views.translations_view, name="translations"),
    path("reach-import/", admin_views.reach_import_view, name="reach_import"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("promotion/", include((admin_urls, "promotion_admin")))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def calendar_menu_item():
    return PermissionMenuItem(
        _("Lịch biên tập"),
        reverse("promotion_admin:calendar"),
        icon_name="date",
        order=301,
        permission="promotion.view_contentplanitem",
    )


@hooks.register("register_reports_menu_item")
def translations_menu_item():
    return MenuItem(
        _("Tình trạng bản dịch"),
        reverse("promotion_admin:translations"),
        icon_name="globe",
        order=800,
    )


@hooks.register("register_admin_menu_item")
def reach_import_menu_item():
    return PermissionMenuItem(
        _("Nhập số liệu tiếp cận"),
        reverse("promotion_admin:reach_import"),
        icon_name="upload",
        order=302,
        permission="promotion.add_channelpost",
    )


@hooks.register("construct_homepage_panels")
def promotion_panel(request, panels):
    if not request.user.has_perm("promotion.view_contentplanitem"):
        return
    work = translation_work_counts()
    calendar = reverse("promotion_admin:calendar")
    panels.append(
        CountsPanel(
            name="promotion",
            heading=_("Quảng bá"),
            order=300,
            counts=[
                Count(
                    _("Đang viết, chờ duyệt"),
                    ContentPlanItem.objects.filter(
                        state__in=[PlanState.DRAFTING, PlanState.REVIEW]
                    ).count(),
                    calendar,
                ),
                Count(_("Trang hẹn giờ đăng"), pages_scheduled().count(), calendar),
                Count(
                    _("Bản dịch cần làm"),
                    sum(work.values()),
                    reverse("promotion_admin:translations") + "?work=1",
                    tone="warning" if sum(work.values()) else "",
                ),
                Count(
                    _("Lượt tiếp cận kênh ngoài"),
                    sum(ChannelPost.objects.values_list("reach", flat=True)),
                    reverse("wagtailsnippets_promotion_channelpost:list"),
                ),
            ],
        )
    )
