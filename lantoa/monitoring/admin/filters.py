"""Admin list filters of monitoring; the KPI dashboard links to the items list with the same
parameters."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..models import Item, PollRun, Source


class SourceFilterSet(WagtailFilterSet):
    class Meta:
        model = Source
        fields = ["kind", "outlet_type", "language", "country", "is_active", "last_outcome"]


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


class PollRunFilterSet(WagtailFilterSet):
    class Meta:
        model = PollRun
        fields = ["source", "outcome"]
