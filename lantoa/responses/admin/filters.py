"""FilterSets of the responses admin lists."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..constants import OPEN_STATES, VIOLATION_DECIDED_STATES, RecurrenceReview
from ..models import Case, ClaimRecurrence, Violation
from ..selectors import timeliness_decided_q


class CaseFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=_("Quá hạn"), method="filter_overdue")
    id = django_filters.NumberFilter(field_name="pk", label=_("Số vụ việc"))
    published_from = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__gte", label=_("Công bố từ ngày")
    )
    published_to = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__lte", label=_("Công bố đến ngày")
    )
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
        fields = ["state", "severity", "verdict", "responsible_unit", "overdue", "plan_item"]

    def filter_decided(self, queryset, name, value):
        condition = timeliness_decided_q(now=timezone.now())
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_overdue(self, queryset, name, value):
        condition = Q(state__in=OPEN_STATES, due_at__lt=timezone.now())
        return queryset.filter(condition) if value else queryset.exclude(condition)


class RecurrenceFilterSet(WagtailFilterSet):
    """The list a case's before/after counts link to: same case, same span, same rows."""

    counted = django_filters.BooleanFilter(
        label=_("Chỉ các lần được tính (trừ «không đúng»)"), method="filter_counted"
    )
    appeared_from = django_filters.IsoDateTimeFilter(
        field_name="appeared_at", lookup_expr="gte", label=_("Xuất hiện từ")
    )
    appeared_to = django_filters.IsoDateTimeFilter(
        field_name="appeared_at", lookup_expr="lt", label=_("Xuất hiện trước")
    )

    class Meta:
        model = ClaimRecurrence
        fields = ["case", "review_state", "counted"]

    def filter_counted(self, queryset, name, value):
        rejected = Q(review_state=RecurrenceReview.REJECTED)
        return queryset.exclude(rejected) if value else queryset.filter(rejected)


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
