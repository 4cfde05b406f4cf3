"""Admin list filters of monitoring; the KPI dashboard links to the items list with the same
parameters."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from lantoa.core.registry import list_filters_extend

from ..models import Item, PollRun, Source


class SourceFilterSet(WagtailFilterSet):
    class Meta:
        model = Source
        fields = ["kind", "outlet_type", "language", "country", "is_active", "last_outcome"]


class ItemFilterSet(WagtailFilterSet):
    # The KPI dashboard links its monitoring figures here with these filters, so a click lists
    # exactly the items counted (publication date, outlet type; insights adds topic and foreign
    # through lantoa.core.registry.list_filter_register).
    published_from = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__gte", label=_("Đăng từ ngày")
    )
    published_to = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__lte", label=_("Đăng đến ngày")
    )
    # A story by its number (links from the insights pages): a list of every story would be a
    # select of hundreds of thousands of options on a busy install.
    story = django_filters.NumberFilter(field_name="story_id", label=_("Mã chuỗi tin"))

    class Meta:
        model = Item
        fields = ["source", "language", "source__kind", "source__outlet_type"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        list_filters_extend(self)
        for name in SOURCE_FIELD_FILTERS:
            self.filters[name].method = items_of_sources_where


# Filters on the item's source written as `source_id IN (SELECT id FROM source WHERE …)` rather
# than a join: SQLite then reads the items newest first by their `published_at` index and stops
# at a page; with the join it walked every item of the matching sources and sorted them (10 s at
# 1M items). PostgreSQL plans both alike. (With `language` as well SQLite still sorts: it picks
# the language index. An index (language, published_at) fixed that but made "language + one
# small source" take 13 s: not kept; see docs/operations-monitoring.md.)
SOURCE_FIELD_FILTERS = ("source__kind", "source__outlet_type")


def items_of_sources_where(queryset, name: str, value):
    field = name.removeprefix("source__")
    return queryset.filter(source_id__in=Source.objects.filter(**{field: value}).values("id"))


class PollRunFilterSet(WagtailFilterSet):
    class Meta:
        model = PollRun
        fields = ["source", "outcome"]
