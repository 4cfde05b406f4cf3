"""Admin registration of the people app: staff, trainings, the rapid-response roster, collaborators
with consent, log actions, the dashboard panel. The code lives in `admin/`."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from lantoa.core.audit import register_actions

from .admin.panels import people_panel
from .admin.viewsets import PeopleViewSetGroup

LOG_ACTIONS = {
    "people.attendance_record": (_("Ghi nhận tham gia tập huấn"), _("Ghi nhận tham gia")),
    "people.roster_assign": (_("Xếp lịch trực"), _("Xếp lịch trực")),
    "people.participation_record": (
        _("Ghi nhận tham gia chiến dịch"),
        _("Ghi nhận tham gia chiến dịch"),
    ),
    "people.collaborator_erase": (
        _("Xóa dữ liệu cộng tác viên theo yêu cầu"),
        _("Đã xóa dữ liệu cá nhân theo yêu cầu"),
    ),
}

register_snippet(PeopleViewSetGroup)


@hooks.register("register_log_actions")
def people_log_actions(actions):
    register_actions(actions, LOG_ACTIONS)


@hooks.register("construct_homepage_panels")
def people_homepage_panel(request, panels):
    panels.append(people_panel(request))


@hooks.register("register_admin_menu_item")
def not_trained_menu_item():
    return MenuItem(
        _("Chưa tập huấn năm nay"),
        reverse("wagtailsnippets_people_staffmember:list") + "?trained=no",
        icon_name="warning",
        order=701,
    )
