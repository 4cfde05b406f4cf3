"""Admin registration of the responses app: log actions, the Case ViewSet, the dashboard panels,
the page editor's guard on clarification pages. The code lives in `admin/`."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from lantoa.core.audit import register_actions

from .admin import views
from .admin.panels import responses_panels
from .admin.viewsets import CaseViewSet
from .constants import EventKind


@hooks.register("register_log_actions")
def log_actions(actions):
    register_actions(
        actions,
        {f"responses.{kind.value}": (kind.label, kind.label) for kind in EventKind},
    )


hooks.register("before_edit_page", views.refuse_direct_publication)

register_snippet(CaseViewSet)


@hooks.register("construct_homepage_panels")
def responses_homepage_panels(request, panels):
    panels.extend(responses_panels(request))
