from django.db import models
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.models import ModelLogEntry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .audit import register_actions
from .jobs import urls as job_urls
from .jobs.constants import JobState
from .jobs.selectors import jobs_visible
from .models import Unit, UnitScopedLogEntry
from .panels import Count, CountsPanel
from .selectors import units_active, users_active


class UnitFilterSet(WagtailFilterSet):
    class Meta:
        model = Unit
        fields = ["kind", "parent", "is_active"]


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Đơn vị")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["name", "short_name", "kind", "parent", "is_active"]
    list_export = ["code", "name", "short_name", "kind", "parent", "email", "is_active"]
    export_filename = "don-vi"
    search_fields = ["name", "short_name", "code", "aliases"]
    filterset_class = UnitFilterSet
    inspect_view_enabled = True
    ordering = ["sort_order", "name"]


register_snippet(UnitViewSet)


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
def organisation_panel(request, panels):
    panels.append(
        CountsPanel(
            name="core",
            heading=_("Tổ chức"),
            order=900,
            counts=[
                Count(
                    _("Đơn vị"), units_active().count(), reverse("wagtailsnippets_core_unit:list")
                ),
                Count(_("Người dùng"), users_active().count(), reverse("wagtailusers_users:index")),
            ],
        )
    )


@hooks.register("register_admin_urls")
def job_admin_urls():
    return [path("jobs/", include(job_urls))]


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
def jobs_panel(request, panels):
    jobs = jobs_visible(request.user)
    url = reverse("core_jobs")
    failed = jobs.filter(state=JobState.FAILED).count()
    panels.append(
        CountsPanel(
            name="jobs",
            heading=_("Tác vụ nền"),
            order=950,
            counts=[
                Count(
                    _("Đang chạy, đang chờ"),
                    jobs.filter(state__in=[JobState.QUEUED, JobState.RUNNING]).count(),
                    url,
                ),
                Count(_("Lỗi"), failed, url, tone="warning" if failed else ""),
            ],
        )
    )
