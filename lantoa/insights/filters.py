"""Filters insights adds to monitoring's item list (lantoa.core.registry.list_filter_register):
an item's topic and tone are insights' analysis, and "foreign" is insights' rule. The KPI
dashboard links its figures to the item list with these, so a click lists exactly the items
counted."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantoa.core.constants import country_choices
from lantoa.core.registry import list_filter_register
from lantoa.monitoring.search.query import QueryError
from lantoa.monitoring.search.selectors import search_items

from .constants import Tone
from .models import Topic, Watchlist
from .selectors import SOCIAL_OUTLET_TYPES, foreign_items


def _topics(request):
    return Topic.objects.order_by("sort_order", "name")


def _foreign(queryset, name, value):
    if value is None:
        return queryset
    foreign = foreign_items(queryset)
    return foreign if value else queryset.exclude(pk__in=foreign.values("pk"))


def _term(queryset, name, value):
    # One word as the search cuts it (a spike explanation's term): the items that contain it.
    if not value:
        return queryset
    try:
        found = search_items(f'"{value}"')
    except QueryError:
        return queryset.none()
    return queryset.filter(pk__in=found.order_by().values("pk"))


def _social(queryset, name, value):
    if value is None:
        return queryset
    social = queryset.filter(source__outlet_type__in=SOCIAL_OUTLET_TYPES)
    return social if value else queryset.exclude(source__outlet_type__in=SOCIAL_OUTLET_TYPES)


def _tone_known(queryset, name, value):
    # The same rule as tone_counts: an analysis with one of the tones.
    if value is None:
        return queryset
    known = Q(analysis__tone__in=Tone.values)
    return queryset.filter(known) if value else queryset.exclude(known)


def register() -> None:
    # A spike explanation's drill-down: the spike window to the minute, the stream (social
    # posts or the rest) and one of the words that drove it.
    list_filter_register(
        "monitoring.item",
        "published_after",
        django_filters.IsoDateTimeFilter(
            field_name="published_at", lookup_expr="gte", label=_("Đăng từ lúc")
        ),
    )
    list_filter_register(
        "monitoring.item",
        "published_before",
        django_filters.IsoDateTimeFilter(
            field_name="published_at", lookup_expr="lt", label=_("Đăng trước lúc")
        ),
    )
    list_filter_register(
        "monitoring.item",
        "social",
        django_filters.BooleanFilter(method=_social, label=_("Mạng xã hội, blog")),
    )
    list_filter_register(
        "monitoring.item",
        "term",
        django_filters.CharFilter(method=_term, label=_("Có từ")),
    )
    # The international view's drill-down: country, tone and watchlist as well.
    list_filter_register(
        "monitoring.item",
        "source__country",
        django_filters.ChoiceFilter(
            field_name="source__country", label=_("Quốc gia"), choices=country_choices
        ),
    )
    list_filter_register(
        "monitoring.item",
        "analysis__tone",
        django_filters.ChoiceFilter(
            field_name="analysis__tone", label=_("Sắc thái"), choices=Tone.choices
        ),
    )
    list_filter_register(
        "monitoring.item",
        "tone_known",
        django_filters.BooleanFilter(method=_tone_known, label=_("Đã xác định sắc thái")),
    )
    list_filter_register(
        "monitoring.item",
        "watchlist",
        django_filters.ModelChoiceFilter(
            field_name="watchlist_matches__watchlist",
            label=_("Danh sách theo dõi"),
            queryset=lambda request: Watchlist.objects.order_by("name"),
            distinct=True,
        ),
    )
    list_filter_register(
        "monitoring.item",
        "foreign",
        django_filters.BooleanFilter(method=_foreign, label=_("Thông tin nước ngoài")),
    )
    list_filter_register(
        "monitoring.item",
        "analysis__topic",
        django_filters.ModelChoiceFilter(
            field_name="analysis__topic", label=_("Chủ đề"), queryset=_topics
        ),
    )
