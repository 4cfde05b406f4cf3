"""Admin of tasks: the list with status buckets and plan section links, add and edit through
the task services (an edited deadline moves the open periods' due dates)."""

from datetime import date

import django_filters
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.snippets.views.snippets import IndexView

from lantoa.core.tables import FastColumnsMixin
from lantoa.core.viewsets import ServiceRefusalMixin, UnitScopedSnippetViewSet

from ..constants import Bucket
from ..models import (
    Task,
)
from ..selectors import tasks_with_buckets
from ..services import (
    task_create,
    task_update,
)


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
        fields = [
            "plan",
            "source_section",
            "lead_unit",
            "coordinating_units",
            "state",
            "deadline_kind",
            "bucket",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A plan's label is its directive's: read them with the plans (one query, not one per
        # plan in the filter's choices).
        plan = self.filters.get("plan")
        if plan is not None and isinstance(getattr(plan, "queryset", None), QuerySet):
            plan.queryset = plan.queryset.select_related("directive").defer("source_text")


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


class TaskIndexView(FastColumnsMixin, IndexView):
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
