"""Core's figures on the admin home page: the organisation and the background jobs."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from ..jobs.constants import JobState
from ..jobs.selectors import jobs_visible
from ..panels import Count, CountsPanel
from ..selectors import units_active, users_active


def organisation_panel(request) -> CountsPanel:
    return CountsPanel(
        name="core",
        heading=_("Tổ chức"),
        order=900,
        counts=[
            Count(_("Đơn vị"), units_active().count(), reverse("wagtailsnippets_core_unit:list")),
            Count(_("Người dùng"), users_active().count(), reverse("wagtailusers_users:index")),
        ],
    )


def jobs_panel(request) -> CountsPanel:
    jobs = jobs_visible(request.user)
    url = reverse("core_jobs")
    failed = jobs.filter(state=JobState.FAILED).count()
    return CountsPanel(
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


class GuidePanel(Component):
    """A link to the user guide inside the admin, for everyone."""

    name = "guide"
    order = 10
    template_name = "core/panels/guide.html"

    def get_context_data(self, parent_context=None):
        return {"url": reverse("core_guide")}
