"""Admin of inspection, supervision and urging (IV.3): plans, visits, findings, recommendations.

Each add form calls its service; a recommendation's form creates the follow-up task of the unit
that must act on it. Visits, findings and recommendations belong to the inspected unit (a unit
reporter sees only their own unit's).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CreateView
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from lantoa.core.viewsets import RecordViewSet, UnitScopedRecordViewSet, service_form_view

from ..models import InspectionFinding, InspectionPlan, InspectionRecommendation, InspectionVisit
from ..services import (
    inspection_finding_record,
    inspection_plan_create,
    inspection_recommend,
    inspection_visit_record,
)
from .filters import (
    InspectionFindingFilterSet,
    InspectionRecommendationFilterSet,
    InspectionVisitFilterSet,
)

_PLAN_FIELDS = (
    "title",
    "kind",
    "year",
    "plan",
    "source_section",
    "inspecting_unit",
    "start",
    "end",
    "notes",
)
_VISIT_FIELDS = ("inspection", "unit", "planned_on", "held_on", "team", "summary")
_FINDING_FIELDS = ("visit", "kind", "text")
_RECOMMENDATION_FIELDS = ("visit", "finding", "text", "unit", "due_date")


class InspectionPlanViewSet(RecordViewSet):
    model = InspectionPlan
    icon = "clipboard-list"
    menu_label = _("Kế hoạch kiểm tra")
    list_display = ["title", "kind", "year", "inspecting_unit", "start", "end"]
    list_export = [*_PLAN_FIELDS, "created_by", "created_at"]
    list_filter = ["year", "kind", "inspecting_unit", "plan"]
    export_filename = "ke-hoach-kiem-tra"
    search_fields = ["title", "notes"]
    form_fields = _PLAN_FIELDS
    add_view_class = service_form_view(
        CreateView,
        inspection_plan_create,
        required=("title", "kind", "year", "inspecting_unit", "start", "end"),
        fields=("plan", "source_section", "notes"),
    )


class InspectionVisitViewSet(UnitScopedRecordViewSet):
    model = InspectionVisit
    unit_paths = ("unit",)
    icon = "site"
    menu_label = _("Cuộc kiểm tra")
    list_display = ["unit", "inspection", "planned_on", "held_on"]
    list_export = list(_VISIT_FIELDS)
    filterset_class = InspectionVisitFilterSet
    export_filename = "cuoc-kiem-tra"
    search_fields = ["summary"]
    form_fields = _VISIT_FIELDS
    add_view_class = service_form_view(
        CreateView,
        inspection_visit_record,
        required=("inspection", "unit", "planned_on"),
        fields=("held_on", "team", "summary"),
    )


class InspectionFindingViewSet(UnitScopedRecordViewSet):
    model = InspectionFinding
    unit_paths = ("visit__unit",)
    icon = "search"
    menu_label = _("Kết quả kiểm tra")
    list_display = ["text", "kind", "visit"]
    list_export = list(_FINDING_FIELDS)
    filterset_class = InspectionFindingFilterSet
    export_filename = "ket-qua-kiem-tra"
    search_fields = ["text"]
    form_fields = _FINDING_FIELDS
    add_view_class = service_form_view(
        CreateView, inspection_finding_record, required=_FINDING_FIELDS
    )


class InspectionRecommendationViewSet(UnitScopedRecordViewSet):
    model = InspectionRecommendation
    unit_paths = ("unit", "visit__unit")
    icon = "tasks"
    menu_label = _("Kiến nghị sau kiểm tra")
    list_display = ["text", "unit", "due_date", "task"]
    list_export = ["visit", "finding", "text", "unit", "due_date", "task", "created_at"]
    filterset_class = InspectionRecommendationFilterSet
    export_filename = "kien-nghi-kiem-tra"
    search_fields = ["text"]
    form_fields = _RECOMMENDATION_FIELDS
    add_view_class = service_form_view(
        CreateView,
        inspection_recommend,
        required=("visit", "text", "unit", "due_date"),
        fields=("finding",),
    )


class InspectionsGroup(SnippetViewSetGroup):
    items = (
        InspectionPlanViewSet,
        InspectionVisitViewSet,
        InspectionFindingViewSet,
        InspectionRecommendationViewSet,
    )
    menu_icon = "clipboard-list"
    menu_label = _("Kiểm tra, giám sát")
    menu_order = 205
