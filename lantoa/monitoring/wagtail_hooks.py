"""Registers monitoring's admin (lantoa/monitoring/admin/): the snippets group, the tools, the
dashboard panel and the sources' listing button."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from lantoa.core.audit import register_actions

from .admin.panels import monitoring_panel
from .admin.viewsets import MonitoringGroup, ToolsViewSet, source_listing_buttons
from .services import ORIGINAL_OPEN

LOG_ACTIONS = {
    ORIGINAL_OPEN: (_("Mở đường dẫn gốc"), _("Đã mở đường dẫn gốc của bài đăng")),
}

register_snippet(MonitoringGroup)


@hooks.register("register_log_actions")
def monitoring_log_actions(actions):
    register_actions(actions, LOG_ACTIONS)


@hooks.register("register_admin_viewset")
def register_tools():
    return ToolsViewSet(menu_order=301, add_to_admin_menu=True)


@hooks.register("construct_homepage_panels")
def monitoring_homepage_panel(request, panels):
    panel = monitoring_panel(request)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_snippet_listing_buttons")
def source_reextract_button(snippet, user, next_url=None):
    return source_listing_buttons(snippet, user)
