"""Required reports (IV.1): add one with its due date, then record it as received."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView

from lantoa.core.viewsets import UnitScopedSnippetViewSet

from ..models import RequiredReport
from ..selectors import required_report_status
from ..services import required_report_create, required_report_update
from .mixins import ServiceRefusalMixin


class RequiredReportCreateView(ServiceRefusalMixin, CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return required_report_create(
            title=data["title"],
            reporting_unit=data["reporting_unit"],
            recipient=data.get("recipient") or "",
            year=data["year"],
            due_date=data["due_date"],
            plan=data.get("plan"),
            source_section=data.get("source_section"),
            user=self.request.user,
        )


class RequiredReportEditView(ServiceRefusalMixin, EditView):
    """Editing moves the due date (with its task) or records the report as received."""

    def save_instance(self):
        data = self.form.cleaned_data
        return required_report_update(
            report=self.object,
            due_date=data["due_date"],
            received_on=data.get("received_on"),
            received_number=data.get("received_number") or "",
            user=self.request.user,
        )


def _status(report) -> str:
    return str(required_report_status(report).label)


class RequiredReportViewSet(UnitScopedSnippetViewSet):
    model = RequiredReport
    unit_paths = ("reporting_unit",)
    icon = "doc-empty-inverse"
    menu_label = _("Báo cáo bắt buộc")
    list_display = [
        "title",
        "reporting_unit",
        "year",
        "due_date",
        "received_on",
        Column("status", label=_("Tình trạng"), accessor=_status),
    ]
    list_export = [
        "title",
        "plan",
        "source_section",
        "reporting_unit",
        "recipient",
        "year",
        "due_date",
        "received_on",
        "received_number",
        "status_label",
    ]
    export_headings = {"status_label": _("Tình trạng")}
    list_filter = ["year", "reporting_unit"]
    export_filename = "bao-cao-bat-buoc"
    search_fields = ["title"]
    inspect_view_enabled = True
    add_view_class = RequiredReportCreateView
    edit_view_class = RequiredReportEditView
    panels = [
        FieldPanel("title"),
        FieldPanel("plan"),
        FieldPanel("source_section"),
        FieldPanel("reporting_unit"),
        FieldPanel("recipient"),
        FieldPanel("year"),
        FieldPanel("due_date"),
        FieldPanel("received_on"),
        FieldPanel("received_number"),
    ]
