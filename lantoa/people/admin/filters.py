"""Admin list filters; the KPI dashboard links here with the same parameters."""

from datetime import date

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from lantoa.core.models import Unit
from lantoa.core.selectors import unit_descendant_ids

from .. import selectors
from ..models import (
    Collaborator,
    CollaboratorParticipation,
    OnCallShift,
    StaffMember,
    Training,
    TrainingAttendance,
)


class UnitTreeFilter(django_filters.ModelChoiceFilter):
    """A unit and every unit below it (the dashboard's unit filter)."""

    def __init__(self, *args, paths=("unit",), **kwargs):
        self.paths = paths
        kwargs.setdefault("label", _("Đơn vị (gồm đơn vị trực thuộc)"))
        kwargs.setdefault("queryset", Unit.objects.all())
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        ids = unit_descendant_ids(value)
        condition = Q()
        for path in self.paths:
            condition |= Q(**{f"{path}__in": ids})
        return qs.filter(condition).distinct()


TRAINED_CHOICES = [("yes", _("Đã tập huấn")), ("no", _("Chưa tập huấn"))]


class StaffMemberFilterSet(WagtailFilterSet):
    unit_tree = UnitTreeFilter(field_name="unit")
    trained = django_filters.ChoiceFilter(
        label=_("Tập huấn trong kỳ"), choices=TRAINED_CHOICES, method="filter_trained"
    )
    start = django_filters.DateFilter(label=_("Kỳ từ ngày"), method="filter_noop")
    end = django_filters.DateFilter(label=_("Kỳ đến ngày"), method="filter_noop")

    class Meta:
        model = StaffMember
        fields = ["work_role", "is_active"]

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_trained(self, queryset, name, value):
        """Trained or not in [start, end]; the current year when no period is given."""
        today = date.today()
        start = self.form.cleaned_data.get("start") or date(today.year, 1, 1)
        end = self.form.cleaned_data.get("end") or date(today.year, 12, 31)
        if value == "yes":
            return queryset.filter(pk__in=selectors.staff_trained(start=start, end=end))
        if value == "no":
            return queryset.filter(pk__in=selectors.staff_not_trained(start=start, end=end))
        return queryset


class TrainingFilterSet(WagtailFilterSet):
    unit_tree = UnitTreeFilter(paths=("unit", "attendances__staff__unit"))
    start_date_from = django_filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label=_("Bắt đầu từ ngày")
    )
    start_date_to = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=_("Bắt đầu đến ngày")
    )

    class Meta:
        model = Training
        fields = ["plan_item"]


class TrainingAttendanceFilterSet(WagtailFilterSet):
    unit_tree = UnitTreeFilter(paths=("staff__unit",))
    start = django_filters.DateFilter(
        field_name="training__start_date", lookup_expr="gte", label=_("Lớp bắt đầu từ ngày")
    )
    end = django_filters.DateFilter(
        field_name="training__start_date", lookup_expr="lte", label=_("Lớp bắt đầu đến ngày")
    )

    class Meta:
        model = TrainingAttendance
        fields = ["training", "completed"]


class OnCallShiftFilterSet(WagtailFilterSet):
    class Meta:
        model = OnCallShift
        fields = ["team", "iso_year", "iso_week", "is_primary"]


class CollaboratorFilterSet(WagtailFilterSet):
    unit_tree = UnitTreeFilter()

    class Meta:
        model = Collaborator
        fields = ["kind", "consent_method", "preferred_channel"]


class CollaboratorParticipationFilterSet(WagtailFilterSet):
    unit_tree = UnitTreeFilter(paths=("collaborator__unit",))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Từ ngày"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Đến ngày"))
    in_calendar = django_filters.BooleanFilter(
        field_name="campaign",
        lookup_expr="isnull",
        exclude=True,
        label=_("Thuộc lịch biên tập"),
    )

    class Meta:
        model = CollaboratorParticipation
        fields = ["campaign", "event"]
