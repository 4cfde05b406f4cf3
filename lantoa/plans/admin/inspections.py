"""Admin of inspection, supervision and urging (IV.3): plans, visits, findings, recommendations.

Each add form calls its service; a recommendation's form creates the follow-up task of the unit
that must act on it. Visits, findings and recommendations belong to the inspected unit (a unit
reporter sees only their own unit's).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic.models import CreateView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lantoa.core.viewsets import UnitScopedSnippetViewSet

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
from .mixins import ServiceRefusalMixin


class InspectionPlanCreateView(ServiceRefusalMixin, CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return inspection_plan_create(
            title=data["title"],
            kind=data["kind"],
            year=data["year"],
            plan=data.get("plan"),
            source_section=data.get("source_section"),
            inspecting_unit=data["inspecting_unit"],
            start=data["start"],
            end=data["end"],
            notes=data.get("notes", ""),
            user=self.request.user,
        )


class InspectionPlanViewSet(SnippetViewSet):
    model = InspectionPlan
    icon = "clipboard-list"
    menu_label = _("Kế hoạch kiểm tra")
    list_display = ["title", "kind", "year", "inspecting_unit", "start", "end"]
    list_export = [
        "title",
        "kind",
        "year",
        "plan",
        "source_section",
        "inspecting_unit",
        "start",
        "end",
        "notes",
        "created_by",
        "created_at",
    ]
    list_filter = ["year", "kind", "inspecting_unit", "plan"]
    export_filename = "ke-hoach-kiem-tra"
    search_fields = ["title", "notes"]
    inspect_view_enabled = True
    add_view_class = InspectionPlanCreateView
    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("year"),
        FieldPanel("plan"),
        FieldPanel("source_section"),
        FieldPanel("inspecting_unit"),
        FieldPanel("start"),
        FieldPanel("end"),
        FieldPanel("notes"),
    ]


class VisitCreateView(ServiceRefusalMixin, CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return inspection_visit_record(
            inspection=data["inspection"],
            unit=data["unit"],
            planned_on=data["planned_on"],
            held_on=data.get("held_on"),
            team=data.get("team", ""),
            summary=data.get("summary", ""),
            user=self.request.user,
        )


class InspectionVisitViewSet(UnitScopedSnippetViewSet):
    model = InspectionVisit
    unit_paths = ("unit",)
    icon = "site"
    menu_label = _("Cuộc kiểm tra")
    list_display = ["unit", "inspection", "planned_on", "held_on"]
    list_export = ["inspection", "unit", "planned_on", "held_on", "team", "summary"]
    filterset_class = InspectionVisitFilterSet
    export_filename = "cuoc-kiem-tra"
    search_fields = ["summary"]
    inspect_view_enabled = True
    add_view_class = VisitCreateView
    panels = [
        FieldPanel("inspection"),
        FieldPanel("unit"),
        FieldPanel("planned_on"),
        FieldPanel("held_on"),
        FieldPanel("team"),
        FieldPanel("summary"),
    ]


class FindingCreateView(ServiceRefusalMixin, CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return inspection_finding_record(
            visit=data["visit"], kind=data["kind"], text=data["text"], user=self.request.user
        )


class InspectionFindingViewSet(UnitScopedSnippetViewSet):
    model = InspectionFinding
    unit_paths = ("visit__unit",)
    icon = "search"
    menu_label = _("Kết quả kiểm tra")
    list_display = ["text", "kind", "visit"]
    list_export = ["visit", "kind", "text"]
    filterset_class = InspectionFindingFilterSet
    export_filename = "ket-qua-kiem-tra"
    search_fields = ["text"]
    inspect_view_enabled = True
    add_view_class = FindingCreateView
    panels = [FieldPanel("visit"), FieldPanel("kind"), FieldPanel("text")]


class RecommendationCreateView(ServiceRefusalMixin, CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return inspection_recommend(
            visit=data["visit"],
            finding=data.get("finding"),
            text=data["text"],
            unit=data["unit"],
            due_date=data["due_date"],
            user=self.request.user,
        )


class InspectionRecommendationViewSet(UnitScopedSnippetViewSet):
    model = InspectionRecommendation
    unit_paths = ("unit", "visit__unit")
    icon = "tasks"
    menu_label = _("Kiến nghị sau kiểm tra")
    list_display = ["text", "unit", "due_date", "task"]
    list_export = ["visit", "finding", "text", "unit", "due_date", "task", "created_at"]
    filterset_class = InspectionRecommendationFilterSet
    export_filename = "kien-nghi-kiem-tra"
    search_fields = ["text"]
    inspect_view_enabled = True
    add_view_class = RecommendationCreateView
    panels = [
        FieldPanel("visit"),
        FieldPanel("finding"),
        FieldPanel("text"),
        FieldPanel("unit"),
        FieldPanel("due_date"),
    ]


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
