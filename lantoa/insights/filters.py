"""Filters insights adds to monitoring's item list (lantoa.core.registry.list_filter_register):
an item's topic and tone are insights' analysis, and "foreign" is insights' rule. The KPI
dashboard links its figures to the item list with these, so a click lists exactly the items
counted."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantoa.core.registry import list_filter_register

from .constants import Tone
from .models import Topic, Watchlist
from .selectors import foreign_items


def _topics(request):
    return Topic.objects.order_by("sort_order", "name")


def _foreign(queryset, name, value):
    if value is None:
        return queryset
    foreign = foreign_items(queryset)
    return foreign if value else queryset.exclude(pk__in=foreign.values("pk"))


def _tone_known(queryset, name, value):
    # The same rule as tone_counts: an analysis with one of the tones.
    if value is None:
        return queryset
    known = Q(analysis__tone__in=Tone.values)
    return queryset.filter(known) if value else queryset.exclude(known)


def register() -> None:
    # The international view's drill-down: country, tone and watchlist as well.
    list_filter_register(
        "monitoring.item",
        "source__country",
        django_filters.CharFilter(field_name="source__country", label=_("Quốc gia (mã)")),
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
