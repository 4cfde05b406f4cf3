"""The responses panels on the admin home page: case counts, and the person's deadline notices."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from lantoa.core.panels import Count, CountsPanel

from .. import selectors


class DeadlineNoticesPanel(Component):
    """The signed-in person's unread deadline notices (the in-app half of the notifications)."""

    name = "responses_deadline_notices"
    order = 290
    template_name = "responses/admin/deadline_notices_panel.html"

    def __init__(self, *, notices):
        self.notices = notices

    def get_context_data(self, parent_context=None):
        return {"notices": self.notices}


def cases_panel(request) -> CountsPanel:
    """Open, soon due and overdue cases the person may see."""
    now = timezone.now()
    visible = selectors.cases_visible_to(request.user)
    base = reverse("wagtailsnippets_responses_case:list")
    breached = visible.filter(pk__in=selectors.cases_overdue(now).values("pk")).count()
    return CountsPanel(
        name="responses",
        heading=_("Làm rõ thông tin"),
        order=300,
        counts=[
            Count(
                _("Vụ việc đang mở"),
                visible.filter(pk__in=selectors.cases_open().values("pk")).count(),
                base,
            ),
            Count(
                _("Đến hạn trong 24 giờ"),
                visible.filter(pk__in=selectors.cases_due_within(24, now).values("pk")).count(),
                f"{base}?overdue=false",
                tone="warning",
            ),
            Count(
                _("Đã quá hạn"),
                breached,
                f"{base}?overdue=true",
                tone="warning" if breached else "",
            ),
        ],
    )


def responses_panels(request) -> list[Component]:
    """What the responses app adds to the admin home for this person (nothing without access)."""
    if not request.user.has_perm("responses.view_case"):
        return []
    panels: list[Component] = [cases_panel(request)]
    if notices := selectors.deadline_notices_unread(request.user):
        panels.append(DeadlineNoticesPanel(notices=notices))
    return panels
