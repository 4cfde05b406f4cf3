"""Registers the reports admin (lantoa/reports/admin/): the "Số liệu" dashboard and the annual
report narrative."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .admin import urls as admin_urls
from .admin.viewsets import AnnualReportNarrativeViewSet


@hooks.register("register_admin_urls")
def reports_admin_urls():
    return [path("reports/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def kpi_menu_item():
    return MenuItem(_("Số liệu"), reverse("reports_dashboard"), icon_name="table", order=150)


register_snippet(AnnualReportNarrativeViewSet)
