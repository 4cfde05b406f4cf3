"""The "Số liệu" dashboard, background jobs and the annual report narrative in the admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lantoa.core.audit import register_actions
from lantoa.core.panels import Count, CountsPanel

from . import admin_urls
from .constants import JobState
from .models import AnnualReportNarrative
from .selectors import jobs_visible


@hooks.register("register_admin_urls")
def reports_admin_urls():
    return [path("reports/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def kpi_menu_item():
    return MenuItem(_("Số liệu"), reverse("reports_dashboard"), icon_name="table", order=150)


@hooks.register("register_admin_menu_item")
def jobs_menu_item():
    return MenuItem(_("Tác vụ nền"), reverse("reports_jobs"), icon_name="cogs", order=960)


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


@hooks.register("register_log_actions")
def reports_log_actions(actions):
    register_actions(
        actions,
        {
            "reports.job_start": (_("Bắt đầu tác vụ nền"), _("Bắt đầu tác vụ")),
            "reports.job_retry": (_("Chạy lại tác vụ nền"), _("Chạy lại tác vụ")),
        },
    )


@hooks.register("construct_homepage_panels")
def jobs_panel(request, panels):
    jobs = jobs_visible(request.user)
    url = reverse("reports_jobs")
    failed = jobs.filter(state=JobState.FAILED).count()
    panels.append(
        CountsPanel(
            name="reports",
            heading=_("Tác vụ nền"),
            order=950,
            counts=[
                Count(
                    _("Đang chạy, đang chờ"),
                    jobs.filter(state__in=[JobState.QUEUED, JobState.RUNNING]).count(),
                    url,
                ),
                Count(_("Lỗi"), failed, url, tone="warning" if failed else ""),
                Count(_("Số liệu"), _("Xem"), reverse("reports_dashboard")),
            ],
        )
    )
