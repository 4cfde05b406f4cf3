"""Admin registration of the responses app: log actions, the Case ViewSet, the dashboard panels,
the page editor's guard on clarification pages. The code lives in `admin/`."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from lantoa.core.audit import register_actions

from .admin import views
from .admin.panels import responses_panels
from .admin.recurrences import RecurrenceViewSet
from .admin.viewsets import CaseViewSet
from .admin.violations import ViolationsGroup
from .constants import EventKind

VIOLATION_ACTIONS = {
    "responses.violation_record": (_("Ghi sổ vi phạm"), _("Đã ghi vào sổ theo dõi vi phạm")),
    "responses.violation_update": (_("Sửa sổ vi phạm"), _("Đã sửa mục vi phạm")),
    "responses.violation_decide": (_("Quyết định xử lý vi phạm"), _("Đã ghi quyết định xử lý")),
    "responses.violation_step": (_("Bước xử lý vi phạm"), _("Đã ghi bước xử lý vi phạm")),
}


@hooks.register("register_log_actions")
def log_actions(actions):
    register_actions(
        actions,
        {f"responses.{kind.value}": (kind.label, kind.label) for kind in EventKind},
    )
    register_actions(actions, VIOLATION_ACTIONS)


hooks.register("before_edit_page", views.refuse_direct_publication)

register_snippet(CaseViewSet)
register_snippet(RecurrenceViewSet)
register_snippet(ViolationsGroup)


@hooks.register("construct_homepage_panels")
def responses_homepage_panels(request, panels):
    panels.extend(responses_panels(request))
