"""Admin of the violations register (III.2): entries and their handling steps.

Each form calls its service (redaction, checks, state); the list exports every field."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from lantoa.core.viewsets import UnitScopedViewSetMixin, service_form_view

from ..models import Violation, ViolationStep
from ..services import violation_record, violation_step_add, violation_update
from .filters import ViolationFilterSet

_FACTS = ["kind", "summary", "description", "occurred_on", "detected_on", "unit", "actor_role"]
_DECISION = ["decided_on", "decision_ref", "decision", "outcome", "closed_on"]


def _links(data) -> dict:
    return {"items": data.get("items") or [], "cases": data.get("cases") or []}


ViolationCreateView = service_form_view(
    CreateView,
    violation_record,
    required=("handling_unit",),
    fields=(*_FACTS, *_DECISION),
    extra=_links,
)
ViolationEditView = service_form_view(
    EditView,
    violation_update,
    fields=(*_FACTS, "handling_unit", *_DECISION),
    instance_arg="violation",
    extra=_links,
)


class ViolationViewSet(UnitScopedViewSetMixin, SnippetViewSet):
    model = Violation
    # A unit reporter sees the violations of their unit and those their unit handles.
    unit_paths = ("unit", "handling_unit")
    icon = "warning"
    menu_label = _("Sổ theo dõi vi phạm")
    list_display = ["summary", "kind", "detected_on", "handling_unit", "state", "outcome"]
    list_export = [
        "kind",
        "summary",
        "description",
        "occurred_on",
        "detected_on",
        "unit",
        "actor_role",
        "handling_unit",
        "state",
        "decided_on",
        "decision_ref",
        "decision",
        "outcome",
        "closed_on",
        "created_at",
    ]
    filterset_class = ViolationFilterSet
    export_filename = "so-theo-doi-vi-pham"
    search_fields = ["summary", "description", "decision"]
    inspect_view_enabled = True
    add_view_class = ViolationCreateView
    edit_view_class = ViolationEditView
    panels = [
        *(FieldPanel(name) for name in _FACTS),
        FieldPanel("handling_unit"),
        FieldPanel("items"),
        FieldPanel("cases"),
        *(FieldPanel(name) for name in _DECISION),
    ]


StepCreateView = service_form_view(
    CreateView, violation_step_add, required=("violation", "taken_on", "action"), fields=("unit",)
)


class ViolationStepViewSet(UnitScopedViewSetMixin, SnippetViewSet):
    model = ViolationStep
    unit_paths = ("unit", "violation__unit", "violation__handling_unit")
    icon = "list-ol"
    menu_label = _("Các bước xử lý vi phạm")
    list_display = ["violation", "taken_on", "action", "unit"]
    list_export = ["violation", "taken_on", "action", "unit"]
    list_filter = ["violation"]
    export_filename = "buoc-xu-ly-vi-pham"
    search_fields = ["action"]
    add_view_class = StepCreateView
    panels = [
        FieldPanel("violation"),
        FieldPanel("taken_on"),
        FieldPanel("action"),
        FieldPanel("unit"),
    ]


class ViolationsGroup(SnippetViewSetGroup):
    items = (ViolationViewSet, ViolationStepViewSet)
    menu_icon = "warning"
    menu_label = _("Xử lý vi phạm")
    menu_name = "violations"
    menu_order = 310
