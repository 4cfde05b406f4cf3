"""The "Số liệu" dashboard and the annual report narrative in the admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls
from .models import AnnualReportNarrative


@hooks.register("register_admin_urls")
def reports_admin_urls():
    return [path("reports/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def kpi_menu_item():
    return MenuItem(_("Số liệu"), reverse("reports_dashboard"), icon_name="table", order=150)


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


register_snippet(AnnualReportNarrativeViewSet)
