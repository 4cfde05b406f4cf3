"""Bases of the plans admin screens: the breadcrumb page, the leaders-only permission."""

from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lantoa.core.constants import Role
from lantoa.core.roles import PermissionRequiredMixin, user_has_role

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class LeaderOnlyMixin(PermissionRequiredMixin):
    """Screens that speak for the office (the annual report, reminder letters): leaders and
    monitors only."""

    @classmethod
    def user_may_open(cls, user) -> bool:
        return user_has_role(user, Role.LEADER) or user_has_role(user, Role.MONITOR)


class AdminPage(WagtailAdminTemplateMixin):
    """A plans admin screen: the page title closes the breadcrumb trail."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class PlansPage(AdminPage, TemplateView):
    header_icon = "tasks"
