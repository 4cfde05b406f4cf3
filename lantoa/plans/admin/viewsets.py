"""Wagtail ViewSets (snippets) of the plans app: lists with filters, search, export, inspect."""

import django_filters
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lantoa.core.viewsets import UnitScopedSnippetViewSet

from ..constants import Bucket
from ..models import (
    Directive,
    DisseminationSession,
    DocumentNumber,
    Notification,
    Plan,
    ProgressReport,
    Task,
)
from ..selectors import tasks_with_buckets
from ..services import (
    dissemination_session_record,
    document_number_allocate,
    task_create,
    task_periods_generate,
)


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


class TaskFilterSet(WagtailFilterSet):
    bucket = django_filters.ChoiceFilter(
        label=_("Tình trạng thực hiện"), choices=Bucket.choices, field_name="bucket"
    )

    class Meta:
        model = Task
        fields = ["plan", "lead_unit", "coordinating_units", "state", "deadline_kind", "bucket"]


class TaskCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return task_create(
            title=data["title"],
            text=data.get("text", ""),
            lead_unit=data["lead_unit"],
            coordinating_units=data.get("coordinating_units") or [],
            deadline_kind=data["deadline_kind"],
            start_date=data["start_date"],
            due_date=data.get("due_date"),
            end_date=data.get("end_date"),
            plan=data.get("plan"),
            user=self.request.user,
        )


class TaskEditView(EditView):
    def save_instance(self):
        instance = super().save_instance()
        task_periods_generate(task=instance)
        return instance


def _bucket_label(task) -> str:
    bucket = getattr(task, "bucket", None)
    return Bucket(bucket).label if bucket else ""


class TaskViewSet(UnitScopedSnippetViewSet):
    model = Task
    unit_paths = ("lead_unit", "coordinating_units")
    icon = "tasks"
    menu_label = _("Nhiệm vụ")
    list_display = [
        "title",
        "lead_unit",
        "deadline_kind",
        "state",
        Column("bucket", label=_("Tình trạng thực hiện"), accessor=_bucket_label),
        Column("open_due", label=_("Hạn gần nhất")),
    ]
    list_export = [
        "title",
        "plan",
        "lead_unit",
        "deadline_kind",
        "start_date",
        "due_date",
        "end_date",
        "state",
        "completed_on",
        "bucket_label",
        "open_due",
    ]
    export_headings = {"bucket_label": _("Tình trạng thực hiện"), "open_due": _("Hạn gần nhất")}
    export_filename = "nhiem-vu"
    search_fields = ["title", "text"]
    filterset_class = TaskFilterSet
    inspect_view_enabled = True
    add_view_class = TaskCreateView
    edit_view_class = TaskEditView
    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("plan"),
        FieldPanel("lead_unit"),
        FieldPanel("coordinating_units"),
        FieldPanel("deadline_kind"),
        FieldPanel("start_date"),
        FieldPanel("due_date"),
        FieldPanel("end_date"),
    ]

    def get_queryset(self, request):
        return tasks_with_buckets(super().get_queryset(request)).select_related("lead_unit")


class ReportFilterSet(WagtailFilterSet):
    class Meta:
        model = ProgressReport
        fields = ["state", "unit", "task__lead_unit", "reports_completion"]


def _review_url(report) -> str:
    return reverse("plans_admin:report_review", args=[report.pk])


class ProgressReportIndexView(SnippetIndexView):
    """Each report in the list opens the review screen (its content, evidence, Chấp nhận / Trả
    lại), not a bare form with the review note; "add" is the report submission screen."""

    def get_edit_url(self, instance):
        return _review_url(instance)

    def get_add_url(self):
        if self.user_has_permission("add"):
            return reverse("plans_admin:report_submit")
        return None


class ProgressReportEditView(EditView):
    """A report is changed only by a decision on the review screen: any link to the generic edit
    form (history, bookmarks) leads there."""

    def get(self, request, *args, **kwargs):
        return redirect(_review_url(self.get_object()))

    post = get


class ProgressReportCreateView(CreateView):
    """A report is sent through the submission screen (task, period, figures, evidence)."""

    def get(self, request, *args, **kwargs):
        return redirect("plans_admin:report_submit")

    post = get


class ProgressReportViewSet(UnitScopedSnippetViewSet):
    """Reports are listed and inspected here; they are sent and reviewed through the
    report screens (views.ReportSubmitView, views.ReportReviewView), which call the services."""

    model = ProgressReport
    unit_paths = ("unit", "task__lead_unit")
    icon = "doc-full-inverse"
    menu_label = _("Báo cáo tiến độ")
    list_display = ["task", "unit", "period", "state", "reports_completion", "submitted_on"]
    list_export = [
        "task",
        "unit",
        "period",
        "narrative",
        "sessions_held",
        "attendees",
        "articles_published",
        "other_figures",
        "reports_completion",
        "state",
        "submitted_by",
        "submitted_on",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    ]
    export_filename = "bao-cao-tien-do"
    search_fields = ["narrative"]
    filterset_class = ReportFilterSet
    inspect_view_enabled = True
    index_view_class = ProgressReportIndexView
    edit_view_class = ProgressReportEditView
    add_view_class = ProgressReportCreateView
    panels = [FieldPanel("review_note")]


class SessionFilterSet(WagtailFilterSet):
    class Meta:
        model = DisseminationSession
        fields = ["directive", "organisation", "form", "audience"]


class SessionCreateView(CreateView):
    """A unit reporter records only their own organisation's sessions, on their unit's tasks:
    the ViewSet's unit scoping limits both choices (UnitScopedViewSetMixin)."""

    def save_instance(self):
        data = self.form.cleaned_data
        return dissemination_session_record(
            organisation=data["organisation"],
            directive=data["directive"],
            held_on=data["held_on"],
            form=data["form"],
            audience=data["audience"],
            invited=data.get("invited") or 0,
            attended=data.get("attended") or 0,
            task=data.get("task"),
            notes=data.get("notes", ""),
            user=self.request.user,
        )


class DisseminationSessionViewSet(UnitScopedSnippetViewSet):
    model = DisseminationSession
    unit_paths = ("organisation",)
    icon = "group"
    menu_label = _("Quán triệt, tuyên truyền")
    list_display = ["organisation", "directive", "held_on", "form", "audience", "attended"]
    list_export = [
        "organisation",
        "directive",
        "task",
        "held_on",
        "form",
        "audience",
        "invited",
        "attended",
        "notes",
    ]
    export_filename = "quan-triet"
    search_fields = ["notes"]
    filterset_class = SessionFilterSet
    inspect_view_enabled = True
    add_view_class = SessionCreateView
    panels = [
        FieldPanel("organisation"),
        FieldPanel("directive"),
        FieldPanel("task"),
        FieldPanel("held_on"),
        FieldPanel("form"),
        FieldPanel("audience"),
        FieldPanel("invited"),
        FieldPanel("attended"),
        FieldPanel("notes"),
    ]


class NumberCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return document_number_allocate(
            issuing_unit=data["issuing_unit"],
            doc_type=data["doc_type"],
            issued_on=data["issued_on"],
            title=data.get("title", ""),
            user=self.request.user,
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
    )
    menu_icon = "list-ul"
    menu_label = _("Kế hoạch, nhiệm vụ")
    menu_order = 200
