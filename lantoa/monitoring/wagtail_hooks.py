"""Monitoring in the Wagtail admin: sources with health, items, polls, stories, two forms."""

from datetime import timedelta

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from lantoa.core.paginators import CachedCountPaginator
from lantoa.core.panels import Count as PanelCount
from lantoa.core.panels import CountsPanel

from . import views
from .constants import FETCH_FAILURES
from .models import Item, PollRun, Source, Story
from .selectors import HEALTH_DAYS, items_today_count, sources_failing
from .urlnorm import url_hash


def _minutes(source) -> str:
    return f"{round(source.interval_seconds / 60)} phút"


def _per_day(source) -> str:
    return f"{getattr(source, 'items_week', 0) / HEALTH_DAYS:.1f}"


class SourceFilterSet(WagtailFilterSet):
    class Meta:
        model = Source
        fields = ["kind", "outlet_type", "language", "country", "is_active", "last_outcome"]


class GrowingIndexView(IndexView):
    """The list of a table that grows with every poll: its total is counted once a minute."""

    paginator_class = CachedCountPaginator


class ItemIndexView(GrowingIndexView):
    """Beside "add by hand", the two doors that run the pipeline: a pasted URL, a file of posts."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("monitoring.add_item"):
            buttons += [
                HeaderButton(
                    _("Gửi đường dẫn"), url=reverse("monitoring_tools:submit"), icon_name="link"
                ),
                HeaderButton(
                    _("Nhập tệp bài đăng"),
                    url=reverse("monitoring_tools:import"),
                    icon_name="upload",
                ),
            ]
        return buttons


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "globe"
    menu_label = _("Nguồn tin")
    list_display = [
        "name",
        "kind",
        "language",
        Column("last_success_at", label=_("Thành công gần nhất")),
        Column("recent_failures", label=_("Lỗi 7 ngày")),
        Column("items_per_day", label=_("Tin/ngày"), accessor=_per_day),
        Column("interval", label=_("Chu kỳ"), accessor=_minutes),
        Column("last_error", label=_("Lỗi gần nhất")),
    ]
    list_export = [
        "name", "kind", "url", "outlet_type", "country", "language", "priority", "is_active",
        "last_success_at", "consecutive_failures", "interval_seconds", "next_fetch_at",
        "last_error",
    ]  # fmt: skip
    export_filename = "nguon-tin"
    search_fields = ["name", "url"]
    filterset_class = SourceFilterSet
    inspect_view_enabled = True
    inspect_view_fields = [
        "name", "kind", "url", "outlet_type", "country", "language", "priority", "is_active",
        "poll_min_minutes", "poll_max_minutes", "interval_seconds", "next_fetch_at",
        "last_polled_at", "last_success_at", "last_outcome", "consecutive_failures", "last_error",
        "column_mapping",
    ]  # fmt: skip

    def get_queryset(self, request):
        since = timezone.now() - timedelta(days=HEALTH_DAYS)
        return Source.objects.annotate(
            recent_failures=Count(
                "poll_runs",
                filter=Q(poll_runs__started_at__gte=since, poll_runs__outcome__in=FETCH_FAILURES),
                distinct=True,
            ),
            items_week=Count("items", filter=Q(items__fetched_at__gte=since), distinct=True),
        )


def _topics():
    from lantoa.insights.models import Topic  # insights owns an item's topic

    return Topic.objects.order_by("sort_order", "name")


class ItemFilterSet(WagtailFilterSet):
    # The KPI dashboard links its monitoring figures here with these filters, so a click lists
    # exactly the items counted (publication date in local time, outlet type, topic, foreign).
    published_from = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__gte", label=_("Đăng từ ngày")
    )
    published_to = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__lte", label=_("Đăng đến ngày")
    )
    foreign = django_filters.BooleanFilter(method="filter_foreign", label=_("Thông tin nước ngoài"))
    analysis__topic = django_filters.ModelChoiceFilter(
        field_name="analysis__topic", label=_("Chủ đề"), queryset=lambda request: _topics()
    )

    # A story by its number (links from the insights pages): a list of every story would be a
    # select of hundreds of thousands of options on a busy install.
    story = django_filters.NumberFilter(field_name="story_id", label=_("Mã chùm tin"))

    class Meta:
        model = Item
        fields = ["source", "language", "source__kind", "source__outlet_type"]

    def filter_foreign(self, queryset, name, value):
        if value is None:
            return queryset
        try:
            from lantoa.insights.selectors import foreign_items
        except ImportError:  # without insights: outlets registered outside Việt Nam
            foreign = queryset.filter(~Q(source__country="VN"))
        else:
            foreign = foreign_items(queryset)
        return foreign if value else queryset.exclude(pk__in=foreign.values("pk"))


class ItemAdminForm(WagtailAdminModelForm):
    """The URL keeps its normalised hash (the pipeline's first dedup tier) in step."""

    def clean_url(self):
        url = self.cleaned_data["url"]
        if Item.objects.filter(url_hash=url_hash(url)).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Đã có tin với đường dẫn này."))
        return url

    def save(self, commit=True):
        self.instance.url_hash = url_hash(self.instance.url)
        return super().save(commit=commit)


class ItemViewSet(SnippetViewSet):
    model = Item
    index_view_class = ItemIndexView
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
        [
            FieldPanel(name)
            for name in ("source", "title", "url", "summary", "text", "language", "published_at")
        ],
        base_form_class=ItemAdminForm,
    )

    def get_queryset(self, request):
        # The list shows each item's source and story: one query, not one per row.
        return Item.objects.select_related("source", "story")


class PollRunFilterSet(WagtailFilterSet):
    class Meta:
        model = PollRun
        fields = ["source", "outcome"]


class PollRunViewSet(SnippetViewSet):
    model = PollRun
    index_view_class = GrowingIndexView
    icon = "history"
    menu_label = _("Lượt thu thập")
    list_display = [
        "source", "started_at", "outcome", "http_status", "stored", "counts",
        Column("left_out", label=_("Phần bỏ lại"), accessor="left_out_display"),
    ]  # fmt: skip
    list_export = ["source", "started_at", "finished_at", "outcome", "http_status", "stored",
                   "counts", "left_out", "error", "problems"]  # fmt: skip
    export_filename = "luot-thu-thap"
    filterset_class = PollRunFilterSet
    inspect_view_enabled = True
    inspect_view_fields = [
        "source", "started_at", "finished_at", "outcome", "http_status", "full_fetch", "stored",
        "counts", "left_out_display", "problems", "error", "worker",
    ]  # fmt: skip


class StoryViewSet(SnippetViewSet):
    model = Story
    index_view_class = GrowingIndexView
    icon = "link"
    menu_label = _("Chùm tin")
    list_display = ["title", "item_count", "first_seen_at", "updated_at"]
    list_export = ["title", "item_count", "first_seen_at", "updated_at"]
    search_fields = ["title"]
    inspect_view_enabled = True


class ToolsViewSet(ViewSet):
    """Paste a URL to collect; import a file of public posts."""

    name = "monitoring_tools"
    icon = "plus"
    menu_label = _("Gửi đường dẫn / nhập tệp")
    url_prefix = "monitoring/tools"

    def get_urlpatterns(self):
        return [
            path("submit/", views.url_submit_view, name="submit"),
            path("import/", views.posts_import_view, name="import"),
            path("reextract/<int:source_id>/", views.source_reextract_view, name="reextract"),
        ]


class MonitoringGroup(SnippetViewSetGroup):
    menu_label = _("Theo dõi thông tin")
    menu_icon = "view"
    menu_order = 300
    items = (SourceViewSet, ItemViewSet, StoryViewSet, PollRunViewSet)


register_snippet(MonitoringGroup)


@hooks.register("register_admin_viewset")
def register_tools():
    return ToolsViewSet(menu_order=301, add_to_admin_menu=True)


@hooks.register("construct_homepage_panels")
def monitoring_panel(request, panels):
    if not request.user.has_perm("monitoring.view_item"):
        return
    failing = sources_failing().count()
    panels.append(
        CountsPanel(
            name="monitoring",
            heading=_("Theo dõi thông tin"),
            order=200,
            counts=[
                PanelCount(
                    _("Tin thu thập hôm nay"),
                    items_today_count(),
                    reverse("wagtailsnippets_monitoring_item:list"),
                ),
                PanelCount(
                    _("Nguồn đang lỗi"),
                    failing,
                    reverse("wagtailsnippets_monitoring_source:list"),
                    tone="warning" if failing else "",
                ),
            ],
        )
    )


@hooks.register("register_snippet_listing_buttons")
def source_reextract_button(snippet, user, next_url=None):
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
