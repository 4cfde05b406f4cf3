"""Wagtail ViewSets (snippets) of the plans app: lists with filters, search, export, inspect."""

from datetime import date

import django_filters
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

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
    task_update,
)
from .mixins import ServiceRefusalMixin
from .required import RequiredReportViewSet


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


def _as_of(queryset, name, value):
    # Read by TaskViewSet.get_queryset, which computes the buckets as of that day.
    return queryset


def task_list_as_of(request) -> date | None:
    """The day the task list's buckets are computed for (`?as_of=`), today when not given: the
    dashboard's task figure of a past period links here with its period's end."""
    try:
        return date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return None


class TaskFilterSet(WagtailFilterSet):
    bucket = django_filters.ChoiceFilter(
        label=_("Tình trạng thực hiện"), choices=Bucket.choices, field_name="bucket"
    )
    started_to = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=_("Bắt đầu đến ngày")
    )
    as_of = django_filters.DateFilter(method=_as_of, label=_("Tình trạng tính đến ngày"))

    class Meta:
        model = Task
        fields = ["plan", "lead_unit", "coordinating_units", "state", "deadline_kind", "bucket"]


class TaskCreateView(ServiceRefusalMixin, CreateView):
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


class TaskEditView(ServiceRefusalMixin, EditView):
    """The edit form goes through `task_update`: an extended deadline moves the open periods."""

    def save_instance(self):
        data = self.form.cleaned_data
        return task_update(
            task=self.object,
            user=self.request.user,
            title=data["title"],
            text=data.get("text", ""),
            plan=data.get("plan"),
            lead_unit=data["lead_unit"],
            coordinating_units=data.get("coordinating_units") or [],
            deadline_kind=data["deadline_kind"],
            start_date=data["start_date"],
            due_date=data.get("due_date"),
            end_date=data.get("end_date"),
        )


def _bucket_label(task) -> str:
    bucket = getattr(task, "bucket", None)
    return Bucket(bucket).label if bucket else ""


def task_section_url(task) -> str | None:
    """The task's place in its plan's outline: the section it came from (or its assignment's
    section), else the top of the outline; None for a task outside any plan."""
    if task.plan_id is None:
        return None
    url = reverse("plans_admin:plan_outline", args=[task.plan_id])
    section_id = task.source_section_id or (
        task.assignment.section_id if task.assignment_id else None
    )
    return f"{url}#section-{section_id}" if section_id else url


def _plan_label(task) -> str:
    if task.plan_id is None:
        return "—"
    section = task.source_section or (task.assignment.section if task.assignment_id else None)
    return f"{task.plan} · {section.path}" if section else str(task.plan)


class TaskIndexView(IndexView):
    """The task list with the status buckets as tabs: each tab's count is what the list shows with
    the same filters and search, that bucket chosen."""

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["bucket_tabs"] = self.bucket_tabs()
        return context

    def bucket_tabs(self) -> list[dict]:
        data = self.request.GET.copy()
        for key in ("bucket", self.page_kwarg, "_w_filter_fragment"):
            data.pop(key, None)
        queryset = self.get_base_queryset()
        filters = self.filterset_class(data=data, request=self.request)
        if filters.is_valid():
            queryset = filters.filter_queryset(queryset)
        queryset = self.search_queryset(queryset)
        counts = {bucket.value: 0 for bucket in Bucket}
        for row in queryset.order_by().values("bucket").annotate(n=Count("pk", distinct=True)):
            counts[row["bucket"]] += row["n"]
        current = self.request.GET.get("bucket", "")

        def url(value: str) -> str:
            query = data.copy()
            if value:
                query["bucket"] = value
            encoded = query.urlencode()
            return f"{self.index_url}?{encoded}" if encoded else self.index_url

        tabs = [
            {
                "value": "",
                "label": _("Tất cả"),
                "count": sum(counts.values()),
                "url": url(""),
                "current": current not in counts,
            }
        ]
        for bucket in Bucket:
            tabs.append(
                {
                    "value": bucket.value,
                    "label": bucket.label,
                    "count": counts[bucket.value],
                    "url": url(bucket.value),
                    "current": current == bucket.value,
                }
            )
        return tabs


class TaskViewSet(UnitScopedSnippetViewSet):
    model = Task
    unit_paths = ("lead_unit", "coordinating_units")
    icon = "tasks"
    menu_label = _("Nhiệm vụ")
    list_display = [
        "title",
        TitleColumn("plan", label=_("Kế hoạch"), accessor=_plan_label, get_url=task_section_url),
        "lead_unit",
        "deadline_kind",
        "state",
        Column("bucket", label=_("Tình trạng thực hiện"), accessor=_bucket_label),
        Column("open_due", label=_("Hạn gần nhất")),
    ]
    index_view_class = TaskIndexView
    index_results_template_name = "plans/admin/task_index_results.html"
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
        queryset = super().get_queryset(request)
        return tasks_with_buckets(queryset, as_of=task_list_as_of(request)).select_related(
            "lead_unit", "plan__directive", "source_section", "assignment__section"
        )


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


def _sessions_of_plan(queryset, name, value):
    # The plan's chain of directives, as dissemination_sessions_in_period counts them.
    return queryset.filter(directive__in=value.directive.chain()) if value else queryset


class SessionFilterSet(WagtailFilterSet):
    held_from = django_filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label=_("Từ ngày")
    )
    held_to = django_filters.DateFilter(
        field_name="held_on", lookup_expr="lte", label=_("Đến ngày")
    )
    plan = django_filters.ModelChoiceFilter(
        method=_sessions_of_plan,
        label=_("Kế hoạch"),
        queryset=lambda request: Plan.objects.select_related("directive"),
    )

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
        RequiredReportViewSet,
    )
    menu_icon = "list-ul"
    menu_label = _("Kế hoạch, nhiệm vụ")
    menu_order = 200
