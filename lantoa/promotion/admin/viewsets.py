"""Wagtail ViewSets (snippets) of the promotion app: the content library and the editorial
calendar's records."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..models import Campaign, ChannelPost, ContentPlanItem, MediaAsset, OfficialTerm, Theme
from .filters import ChannelPostFilterSet, MediaAssetFilterSet, PlanItemFilterSet


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Chủ đề")
    list_display = ["name", "code"]
    search_fields = ["name"]


class MediaAssetViewSet(SnippetViewSet):
    model = MediaAsset
    icon = "image"
    menu_label = _("Thư viện tư liệu")
    list_display = ["title", "kind", "language", "credit", "licence", "scope", "rights_expire_on"]
    list_export = [
        "title",
        "kind",
        "language",
        "credit",
        "licence",
        "usage_rights",
        "scope",
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
        "scope",
        "rights_expire_on",
    ]


class OfficialTermViewSet(SnippetViewSet):
    """The official terminology glossary: a translation that writes a fixed name otherwise
    cannot be published."""

    model = OfficialTerm
    icon = "doc-full"
    menu_label = _("Thuật ngữ chính thức")
    list_display = ["vi", "kind", "en", "zh_hans", "ko", "ja", "fr"]
    list_filter = ["kind"]
    list_export = ["vi", "kind", "en", "zh_hans", "ko", "ja", "fr", "note"]
    export_filename = "thuat-ngu-chinh-thuc"
    search_fields = ["vi", "en", "fr"]


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "calendar-alt"
    menu_label = _("Chiến dịch")
    list_display = ["name", "kind", "audience", "starts_on", "ends_on"]
    list_filter = ["kind", "audience", "plan_item"]
    list_export = ["name", "kind", "audience", "starts_on", "ends_on", "description"]
    export_filename = "chien-dich"
    search_fields = ["name"]
    inspect_view_enabled = True


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
        OfficialTermViewSet,
    )
