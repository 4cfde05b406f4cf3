"""Required reports (IV.1): add one with its due date, then record it as received."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView

from lantoa.core.viewsets import UnitScopedRecordViewSet, service_form_view

from ..models import RequiredReport
from ..selectors import required_report_status
from ..services import required_report_create, required_report_update

_FIELDS = (
    "title",
    "plan",
    "source_section",
    "reporting_unit",
    "recipient",
    "year",
    "due_date",
    "received_on",
    "received_number",
)

RequiredReportCreateView = service_form_view(
    CreateView,
    required_report_create,
    required=("title", "reporting_unit", "year", "due_date"),
    fields=("recipient", "plan", "source_section"),
)
# Editing moves the due date (with its task) or records the report as received.
RequiredReportEditView = service_form_view(
    EditView,
    required_report_update,
    required=("due_date",),
    fields=("received_on", "received_number"),
    instance_arg="report",
)


def _status(report) -> str:
    return str(required_report_status(report).label)


class RequiredReportViewSet(UnitScopedRecordViewSet):
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
    list_export = [*_FIELDS, "status_label"]
    export_headings = {"status_label": _("Tình trạng")}
    list_filter = ["year", "reporting_unit"]
    export_filename = "bao-cao-bat-buoc"
    search_fields = ["title"]
    add_view_class = RequiredReportCreateView
    edit_view_class = RequiredReportEditView
    form_fields = _FIELDS
