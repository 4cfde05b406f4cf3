"""ViewSets of the reports app."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import AnnualReportNarrative


class AnnualReportNarrativeViewSet(SnippetViewSet):
    model = AnnualReportNarrative
    icon = "doc-full"
    menu_label = _("Đánh giá báo cáo năm")
    menu_order = 151
    add_to_admin_menu = True
    list_display = ["year", "plan_number", "updated_at"]
    list_filter = ["year"]
    list_export = [
        "year",
        "plan_number",
        "strengths",
        "shortcomings",
        "causes",
        "lessons",
        "directions",
        "recommendations",
    ]
    export_filename = "danh-gia-bao-cao-nam"
    inspect_view_enabled = True
