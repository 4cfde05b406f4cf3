"""FilterSets of the responses admin lists."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..constants import OPEN_STATES
from ..models import Case


class CaseFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=_("Quá hạn"), method="filter_overdue")

    class Meta:
        model = Case
        fields = ["state", "severity", "verdict", "responsible_unit", "overdue", "plan_item"]

    def filter_overdue(self, queryset, name, value):
        condition = Q(state__in=OPEN_STATES, due_at__lt=timezone.now())
        return queryset.filter(condition) if value else queryset.exclude(condition)
