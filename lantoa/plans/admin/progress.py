"""Admin of progress reports (each opens the review screen) and dissemination sessions
("quán triệt"), written through their services."""

import django_filters
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

from lantoa.core.viewsets import UnitScopedSnippetViewSet

from ..models import (
    DisseminationSession,
    Plan,
    ProgressReport,
)
from ..services import (
    dissemination_session_record,
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
