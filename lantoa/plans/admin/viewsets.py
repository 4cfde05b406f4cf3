"""Wagtail ViewSets (snippets) of the plans app: lists with filters, search, export, inspect.

Directives, plans, the document register and reminders are here; tasks in `tasks.py`, progress
reports and dissemination sessions in `progress.py`, required reports in `required.py`,
inspections in `inspections.py`; `PlansGroup` gathers the menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic.models import CreateView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lantoa.core.viewsets import UnitScopedSnippetViewSet, service_form_view

from ..models import (
    Directive,
    DocumentNumber,
    Notification,
    Plan,
)
from ..services import (
    document_number_allocate,
)
from .progress import DisseminationSessionViewSet, ProgressReportViewSet
from .required import RequiredReportViewSet
from .tasks import TaskViewSet


class DirectiveFilterSet(WagtailFilterSet):
    class Meta:
        model = Directive
        fields = ["doc_type", "system"]


class DirectiveViewSet(SnippetViewSet):
    model = Directive
    icon = "doc-full"
    menu_label = _("Văn bản chỉ đạo")
    list_display = ["code", "doc_type", "issuer", "issued_on", "parent"]
    list_export = [
        "code",
        "number",
        "symbol",
        "doc_type",
        "system",
        "title",
        "issuer",
        "issued_on",
        "parent",
        "aliases",
    ]
    export_filename = "van-ban-chi-dao"
    search_fields = ["code", "title", "issuer", "aliases"]
    filterset_class = DirectiveFilterSet
    inspect_view_enabled = True


class PlanViewSet(SnippetViewSet):
    model = Plan
    icon = "list-ul"
    menu_label = _("Kế hoạch")
    list_display = [
        "directive",
        "issuing_body",
        "signer_name",
        "imported_at",
        TitleColumn(
            "outline",
            label=_("Bố cục, phân công"),
            accessor=lambda plan: _("Xem"),
            get_url=lambda plan: reverse("plans_admin:plan_outline", args=[plan.pk]),
        ),
    ]
    list_export = [
        "directive",
        "issuing_body",
        "parent_body",
        "place",
        "recipients",
        "signature_authority",
        "signer_title",
        "signer_name",
        "source_filename",
        "imported_at",
    ]
    export_filename = "ke-hoach"
    search_fields = ["issuing_body", "source_text"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("parent_body"),
        FieldPanel("issuing_body"),
        FieldPanel("place"),
        FieldPanel("recipients"),
        FieldPanel("signature_authority"),
        FieldPanel("signer_title"),
        FieldPanel("signer_name"),
    ]


NumberCreateView = service_form_view(
    CreateView,
    document_number_allocate,
    required=("issuing_unit", "doc_type", "issued_on"),
    fields=("title",),
)


class DocumentNumberViewSet(SnippetViewSet):
    model = DocumentNumber
    icon = "order"
    menu_label = _("Sổ số văn bản")
    list_display = ["code", "doc_type", "issuing_unit", "term", "issued_on", "title"]
    list_export = [
        "code",
        "number",
        "symbol",
        "doc_type",
        "system",
        "issuing_unit",
        "term",
        "issued_on",
        "title",
        "created_by",
    ]
    export_filename = "so-van-ban"
    search_fields = ["code", "title"]
    list_filter = ["issuing_unit", "doc_type", "term"]
    inspect_view_enabled = True
    add_view_class = NumberCreateView
    panels = [
        FieldPanel("issuing_unit"),
        FieldPanel("doc_type"),
        FieldPanel("issued_on"),
        FieldPanel("title"),
    ]


class NotificationViewSet(UnitScopedSnippetViewSet):
    model = Notification
    unit_paths = ("unit",)
    icon = "mail"
    menu_label = _("Nhắc việc")
    list_display = ["message", "unit", "kind", "created_on", "emailed"]
    list_export = ["unit", "task", "period", "kind", "message", "created_on", "emailed"]
    list_filter = ["kind", "unit", "emailed"]
    export_filename = "nhac-viec"
    panels = [FieldPanel("read_at")]


class PlansGroup(SnippetViewSetGroup):
    items = (
        PlanViewSet,
        DirectiveViewSet,
        TaskViewSet,
        ProgressReportViewSet,
        DisseminationSessionViewSet,
        DocumentNumberViewSet,
        NotificationViewSet,
        RequiredReportViewSet,
    )
    menu_icon = "list-ul"
    menu_label = _("Kế hoạch, nhiệm vụ")
    menu_order = 200
