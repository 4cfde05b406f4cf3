"""The list of pages published on the public site in a period ("Trang đã đăng"): where the
dashboard's promotion figures (pages by language, by theme) lead, filtered alike."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports.base import PageReportView
from wagtail.models import Page

from lantoa.core.roles import PermissionRequiredMixin

from ..models import Theme
from ..selectors import published_pages


def _theme(queryset, name, value):
    if value is None:
        return queryset
    return queryset.filter(Q(articlepage__theme=value) | Q(eventpage__theme=value))


class PublishedPagesFilterSet(WagtailFilterSet):
    published_from = django_filters.DateFilter(
        field_name="first_published_at", lookup_expr="date__gte", label=_("Đăng từ ngày")
    )
    published_to = django_filters.DateFilter(
        field_name="first_published_at", lookup_expr="date__lte", label=_("Đăng đến ngày")
    )
    language = django_filters.CharFilter(
        field_name="locale__language_code", label=_("Ngôn ngữ (mã)")
    )
    theme = django_filters.ModelChoiceFilter(
        method=_theme,
        label=_("Chủ đề"),
        queryset=lambda request: Theme.objects.order_by("name"),
    )

    class Meta:
        model = Page
        fields = []


class PublishedPagesView(PermissionRequiredMixin, PageReportView):
    """Live pages of the public site (not the roots) by first publication: the pages the
    promotion figures count (`selectors.published_pages`)."""

    required_perm = "wagtailadmin.access_admin"
    page_title = _("Trang đã đăng")
    header_icon = "doc-full"
    filterset_class = PublishedPagesFilterSet
    index_url_name = "promotion_admin:published_pages"
    index_results_url_name = "promotion_admin:published_pages_results"

    def get_queryset(self):
        return published_pages().order_by("-first_published_at", "-pk")
