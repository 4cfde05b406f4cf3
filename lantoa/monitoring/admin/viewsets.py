"""Wagtail ViewSets of monitoring: sources with health, items, stories, poll runs, the tools."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lantoa.core.constants import language_name

from ..models import Item, PollRun, Source
from ..selectors import HEALTH_DAYS
from .filters import ItemFilterSet, PollRunFilterSet, SourceFilterSet
from .forms import ItemAdminForm, SourceAdminForm
from .views import (
    ITEM_FIELDS,
    ItemCreateView,
    ItemEditView,
    ItemIndexView,
    ItemInspectView,
    PollRunIndexView,
    SourceIndexView,
    item_original_view,
    posts_import_view,
    source_reextract_view,
    url_submit_view,
)


def _minutes(source) -> str:
    return f"{round(source.interval_seconds / 60)} phút"


def _last_error(source) -> str:
    """The last failure in plain words (its kind's sentence), or the stored text for a failure
    recorded before kinds existed; empty after a success."""
    if source.last_error_kind:
        return source.get_last_error_kind_display()
    return source.last_error


def _language(source) -> str:
    return language_name(source.language)


def _per_day(source) -> str:
    return f"{getattr(source, 'items_week', 0) / HEALTH_DAYS:.1f}"


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "globe"
    menu_label = _("Nguồn tin")
    list_display = [
        "name",
        "kind",
        Column("language", label=_("Ngôn ngữ"), accessor=_language),
        "country",
        Column("last_success_at", label=_("Thành công gần nhất")),
        Column("recent_failures", label=_("Lỗi 7 ngày")),
        Column("items_per_day", label=_("Tin/ngày"), accessor=_per_day),
        Column("interval", label=_("Chu kỳ"), accessor=_minutes),
        Column("last_error", label=_("Lỗi gần nhất"), accessor=_last_error),
    ]
    list_export = [
        "name", "kind", "url", "outlet_type", "country", "language", "priority", "is_active",
        "full_text", "last_success_at", "consecutive_failures", "interval_seconds",
        "next_fetch_at", "last_error_kind", "last_error",
    ]  # fmt: skip
    export_filename = "nguon-tin"
    search_fields = ["name", "url"]
    filterset_class = SourceFilterSet
    inspect_view_enabled = True
    inspect_view_fields = [
        "name", "kind", "url", "outlet_type", "country", "language", "priority", "is_active",
        "full_text", "poll_min_minutes", "poll_max_minutes", "interval_seconds", "next_fetch_at",
        "last_polled_at", "last_success_at", "last_outcome", "consecutive_failures",
        "last_error_kind", "last_error", "column_mapping",
    ]  # fmt: skip
    # The add and edit forms hold only what a person decides; the poll schedule's state (next
    # poll, current interval, validators, failure counters, last outcome) belongs to the poller.
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in (
                "name", "kind", "url", "outlet_type", "country", "language", "priority",
                "is_active", "full_text", "poll_min_minutes", "poll_max_minutes",
                "column_mapping",
            )
        ],
        base_form_class=SourceAdminForm,
    )  # fmt: skip

    index_view_class = SourceIndexView


class ItemViewSet(SnippetViewSet):
    model = Item
    index_view_class = ItemIndexView
    add_view_class = ItemCreateView
    edit_view_class = ItemEditView
    inspect_view_class = ItemInspectView
    copy_view_enabled = False  # a copy would repeat the item's URL, which is refused
    icon = "doc-full"
    menu_label = _("Tin thu thập")
    list_display = ["title", "source", "language", "published_at", "story"]
    list_export = [
        "id", "title", "url", "source", "language", "published_at", "fetched_at", "summary",
        "text", "author_pseudonym", "story",
    ]  # fmt: skip
    export_filename = "tin-thu-thap"
    search_fields = ["title", "summary"]
    filterset_class = ItemFilterSet
    inspect_view_enabled = True
    inspect_view_fields = [
        "title", "url", "source", "language", "published_at", "fetched_at", "story",
        "author_pseudonym", "summary", "text", "content_sanitised",
    ]  # fmt: skip
    ordering = ["-published_at", "-id"]
    # What a monitor may enter or correct by hand; the story and the hashes belong to the
    # pipeline (and a story select would list every story).
    edit_handler = ObjectList(
        [FieldPanel(name) for name in ITEM_FIELDS],
        base_form_class=ItemAdminForm,
    )

    def get_queryset(self, request):
        # The list shows each item's source and story: one query, not one per row.
        return Item.objects.select_related("source", "story")


class PollRunViewSet(SnippetViewSet):
    model = PollRun
    index_view_class = PollRunIndexView
    icon = "history"
    menu_label = _("Lượt thu thập")
    list_display = [
        "source", "started_at", "outcome",
        Column("error_kind", label=_("Lỗi"), accessor="get_error_kind_display"),
        "http_status", "stored", "counts",
        Column("left_out", label=_("Phần bỏ lại"), accessor="left_out_display"),
    ]  # fmt: skip
    list_export = ["source", "started_at", "finished_at", "outcome", "error_kind", "http_status",
                   "stored", "counts", "left_out", "error", "problems"]  # fmt: skip
    export_filename = "luot-thu-thap"
    filterset_class = PollRunFilterSet
    inspect_view_enabled = True

    def get_queryset(self, request):
        return PollRun.objects.select_related("source")  # one query, not one per row

    inspect_view_fields = [
        "source", "started_at", "finished_at", "outcome", "error_kind", "http_status",
        "full_fetch", "stored", "counts", "left_out_display", "problems", "error", "worker",
    ]  # fmt: skip


class ToolsViewSet(ViewSet):
    """Paste a URL to collect; import a file of public posts."""

    name = "monitoring_tools"
    icon = "plus"
    menu_label = _("Gửi đường dẫn / nhập tệp")
    url_prefix = "monitoring/tools"

    def get_urlpatterns(self):
        return [
            path("submit/", url_submit_view, name="submit"),
            path("import/", posts_import_view, name="import"),
            path("reextract/<int:source_id>/", source_reextract_view, name="reextract"),
            path("original/<int:item_id>/", item_original_view, name="original"),
        ]


class MonitoringGroup(SnippetViewSetGroup):
    menu_label = _("Theo dõi thông tin")
    menu_icon = "view"
    menu_order = 300
    items = (SourceViewSet, ItemViewSet, PollRunViewSet)


def source_listing_buttons(snippet, user) -> list:
    """In the sources list: extract the source's items again (a background job)."""
    if not isinstance(snippet, Source) or not user.has_perm("monitoring.change_item"):
        return []
    return [
        ListingButton(
            _("Trích xuất lại tin"),
            reverse("monitoring_tools:reextract", args=[snippet.pk]),
            icon_name="rotate",
            priority=60,
        )
    ]
