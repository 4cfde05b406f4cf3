"""FilterSets of the inspection lists (IV.3): the dashboard's inspection figure links here with
its period, unit and plan, so a click lists exactly the records counted
(`selectors.inspection_visits_in_period`)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..models import InspectionFinding, InspectionRecommendation, InspectionVisit


def _held(prefix: str, lookup: str, label) -> django_filters.DateFilter:
    return django_filters.DateFilter(field_name=f"{prefix}held_on", lookup_expr=lookup, label=label)


def _plan(prefix: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        field_name=f"{prefix}inspection__plan", label=_("Kế hoạch (mã số)")
    )


FROM, TO = _("Kiểm tra từ ngày"), _("Kiểm tra đến ngày")


class InspectionVisitFilterSet(WagtailFilterSet):
    held_from = _held("", "gte", FROM)
    held_to = _held("", "lte", TO)
    plan = _plan("")

    class Meta:
        model = InspectionVisit
        fields = ["inspection", "unit"]


class InspectionFindingFilterSet(WagtailFilterSet):
    held_from = _held("visit__", "gte", FROM)
    held_to = _held("visit__", "lte", TO)
    plan = _plan("visit__")

    class Meta:
        model = InspectionFinding
        fields = ["kind", "visit__unit"]


class InspectionRecommendationFilterSet(WagtailFilterSet):
    held_from = _held("visit__", "gte", FROM)
    held_to = _held("visit__", "lte", TO)
    plan = _plan("visit__")

    class Meta:
        model = InspectionRecommendation
        fields = ["unit", "visit__inspection", "visit__unit"]
