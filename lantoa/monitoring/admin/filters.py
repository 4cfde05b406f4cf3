"""Admin list filters of monitoring; the KPI dashboard links to the items list with the same
parameters."""

import django_filters
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.db.models.lookups import Exact
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
        self.filters["language"].method = self.filter_language

    def filter_language(self, queryset, name, value):
        # With a source filter as well, the language is checked on the rows the source index
        # (or the publication-time index) reads, never used to pick the rows (see below).
        if not value:
            return queryset
        by_source = any(self.form.cleaned_data.get(f) for f in (*SOURCE_FIELD_FILTERS, "source"))
        if by_source and connection.vendor == "sqlite" and _language_is_common(value):
            return queryset.filter(ExactWithoutIndex(F("language"), value))
        return queryset.filter(language=value)


# How SQLite reads the items list, newest first, 20 a page, at 1M items. Its planner knows only
# the average number of rows per value of an index (sqlite_stat1), not that most items are in
# Vietnamese and some sources hold a handful of items, so:
# - A filter on the source's kind or outlet type is resolved to the sources' ids first (a small
#   table) and written `source_id IN (1, 2, …)`: with one source SQLite reads the index
#   (source, published_at, id) in the list's order; with several it weighs their rows against
#   reading published_at newest first. A join to the source (or a subquery) walked every item
#   of the matching sources and sorted them (10 s at 1M items).
# - The language alone reads the index (language, published_at, id) in the list's order: a
#   page of a language with a million items or with three.
# - Language with a source filter: SQLite picked the language index and read every Vietnamese
#   item to find the few of a small group of sources (5 s at 1M). When the language has more
#   than LANGUAGE_COMMON items (counted from its index, at most that many entries read), it is
#   written `+language = …` (ExactWithoutIndex), which SQLite evaluates on each row but never
#   uses to choose an index, so the sources decide the plan; a rarer language keeps its index
#   (a page of its few items, whatever the sources). PostgreSQL, which keeps per-value
#   statistics, always gets the plain condition. See docs/operations-monitoring.md.
SOURCE_FIELD_FILTERS = ("source__kind", "source__outlet_type")


LANGUAGE_COMMON = 10_000


def _language_is_common(language: str) -> bool:
    # Kept a few minutes: it only steers the plan (the rows are the same either way), and a
    # language does not turn rare in minutes.
    key = f"lantoa:item-language-common:{LANGUAGE_COMMON}:{language}"
    common = cache.get(key)
    if common is None:
        found = Item.objects.filter(language=language).order_by()[:LANGUAGE_COMMON].count()
        common = found >= LANGUAGE_COMMON
        cache.set(key, common, 300)
    return common


def items_of_sources_where(queryset, name: str, value):
    field = name.removeprefix("source__")
    ids = list(Source.objects.filter(**{field: value}).order_by("id").values_list("id", flat=True))
    return queryset.filter(source_id__in=ids)


class ExactWithoutIndex(Exact):
    """`column = value` that SQLite's planner does not use to choose an index (`+column`: the
    unary plus is a no-op on any value, SQLite's documented way to rule an index out)."""

    def as_sqlite(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        return f"+{sql}", params


class PollRunFilterSet(WagtailFilterSet):
    class Meta:
        model = PollRun
        fields = ["source", "outcome"]
