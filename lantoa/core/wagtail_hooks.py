"""Registers core's admin (lantoa/core/admin/, lantoa/core/jobs/): units, the site history's
unit scoping, the jobs list, the home page panels, the admin stylesheet, the main menu grouped by
pillar, the user guide."""

import django_filters
from django.db import models
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.active_filters import register_filter_adapter_class
from wagtail.admin.menu import MenuItem
from wagtail.models import ModelLogEntry
from wagtail.sites.views import IndexView as SiteIndexView
from wagtail.snippets.models import register_snippet

from .admin import urls as admin_urls
from .admin.filters import BooleanFilterAdapter
from .admin.guide import GuideView
from .admin.menu import guide_menu_item, pillar_menu
from .admin.panels import GuidePanel, jobs_panel, organisation_panel
from .admin.viewsets import UnitViewSet
from .audit import register_actions
from .jobs import urls as job_urls
from .models import UnitScopedLogEntry

register_snippet(UnitViewSet)

# Wagtail's site list labels three columns from their field names ("Port", "Site name", "Root
# page"), which no catalogue translates: give them the Vietnamese names.
SITE_COLUMN_LABELS = {
    "port": _("Cổng"),
    "site_name": _("Tên trang thông tin"),
    "root_page": _("Trang gốc"),
}
for _column in SiteIndexView.columns:
    if _column.name in SITE_COLUMN_LABELS:
        _column.label = SITE_COLUMN_LABELS[_column.name]
register_filter_adapter_class(django_filters.BooleanFilter, adapter_class=BooleanFilterAdapter)


@hooks.register("register_log_actions", order=1)  # after Wagtail's own registration
def unit_scoped_log_entries(actions):
    """Records' log entries are read through UnitScopedLogEntry instead of Wagtail's
    ModelLogEntry (the same table): the site history hides another unit's records from a unit
    reporter. Wagtail's model leaves the set the site history reads, or each entry would show
    twice."""
    actions.register_model(models.Model, UnitScopedLogEntry)
    actions.log_entry_models.discard(ModelLogEntry)


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin.css"))


@hooks.register("construct_homepage_panels")
def organisation_homepage_panel(request, panels):
    panels.append(organisation_panel(request))


@hooks.register("register_admin_urls")
def job_admin_urls():
    return [path("jobs/", include(job_urls))]


@hooks.register("register_admin_urls")
def setup_admin_urls():
    return [path("setup/", include(admin_urls))]


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def setup_menu_item():
    return AdministratorMenuItem(
        _("Thiết lập ban đầu"), reverse("core_setup"), icon_name="cog", order=10
    )


@hooks.register("register_admin_urls")
def guide_admin_urls():
    return [
        path("guide/", GuideView.as_view(), name="core_guide"),
        path("guide/<slug:slug>/", GuideView.as_view(), name="core_guide_chapter"),
    ]


@hooks.register("register_help_menu_item")
def guide_help_menu_item():
    return guide_menu_item()


@hooks.register("construct_homepage_panels")
def guide_homepage_panel(request, panels):
    panels.append(GuidePanel())


# Runs after every app's own menu hooks: it sees the whole menu.
hooks.register("construct_main_menu", pillar_menu, order=100)


@hooks.register("register_admin_menu_item")
def jobs_menu_item():
    return MenuItem(_("Tác vụ nền"), reverse("core_jobs"), icon_name="cogs", order=960)


@hooks.register("register_log_actions")
def job_log_actions(actions):
    started = (_("Bắt đầu tác vụ nền"), _("Bắt đầu tác vụ"))
    retried = (_("Chạy lại tác vụ nền"), _("Chạy lại tác vụ"))
    register_actions(
        actions,
        {
            "core.job_start": started,
            "core.job_retry": retried,
            # The names jobs were logged under while they lived in the reports app.
            "reports.job_start": started,
            "reports.job_retry": retried,
        },
    )


@hooks.register("construct_homepage_panels")
def jobs_homepage_panel(request, panels):
    panels.append(jobs_panel(request))
