"""FilterSets of the responses admin lists."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..constants import OPEN_STATES, VIOLATION_DECIDED_STATES
from ..models import Case, Violation
from ..selectors import timeliness_decided_q


class CaseFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=_("Quá hạn"), method="filter_overdue")
    # The dashboard's case figures link here with the period and what each figure reads.
    detected_from = django_filters.DateFilter(
        field_name="detected_at", lookup_expr="date__gte", label=_("Phát hiện từ ngày")
    )
    detected_to = django_filters.DateFilter(
        field_name="detected_at", lookup_expr="date__lte", label=_("Phát hiện đến ngày")
    )
    published = django_filters.BooleanFilter(
        field_name="published_at", lookup_expr="isnull", exclude=True, label=_("Đã công bố")
    )
    decided = django_filters.BooleanFilter(
        label=_("Đã xác định đúng hạn hay trễ hạn"), method="filter_decided"
    )

    class Meta:
        model = Case
        fields = ["state", "severity", "verdict", "responsible_unit", "overdue"]

    def filter_decided(self, queryset, name, value):
        condition = timeliness_decided_q(now=timezone.now())
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_overdue(self, queryset, name, value):
        condition = Q(state__in=OPEN_STATES, due_at__lt=timezone.now())
        return queryset.filter(condition) if value else queryset.exclude(condition)


class ViolationFilterSet(WagtailFilterSet):
    # The dashboard's violation figure links here with the period and the handling unit.
    detected_from = django_filters.DateFilter(
        field_name="detected_on", lookup_expr="gte", label=_("Phát hiện từ ngày")
    )
    detected_to = django_filters.DateFilter(
        field_name="detected_on", lookup_expr="lte", label=_("Phát hiện đến ngày")
    )
    decided = django_filters.BooleanFilter(
        label=_("Đã có quyết định xử lý"), method="filter_decided"
    )

    class Meta:
        model = Violation
        fields = ["kind", "state", "outcome", "handling_unit", "unit"]

    def filter_decided(self, queryset, name, value):
        decided = Q(state__in=VIOLATION_DECIDED_STATES)
        return queryset.filter(decided) if value else queryset.exclude(decided)
