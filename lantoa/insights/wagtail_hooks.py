"""Registers the insights admin (`insights/admin/`): log actions, ViewSets, admin pages, menu
items, the dashboard panel."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from lantoa.core.audit import register_actions

from .admin.panels import InboxMenuItem, insights_panel
from .admin.urls import urlpatterns as admin_urlpatterns
from .admin.viewsets import InsightsGroup, ItemMatchViewSet, LabelAdminPolicy
from .models import Label

LOG_ACTIONS = {
    "insights.label": (_("Gán nhãn"), _("Gán nhãn cho tin")),
    "insights.label_remove": (_("Bỏ nhãn"), _("Bỏ nhãn của tin")),
    "insights.train": (_("Huấn luyện mô hình"), _("Huấn luyện phiên bản mô hình mới")),
    "insights.bulletin": (_("Gửi bản tin"), _("Gửi bản tin tổng hợp dư luận")),
    "insights.alert_feedback": (_("Đánh giá cảnh báo"), _("Đánh giá cảnh báo hữu ích hay không")),
    "insights.sensitivity": (_("Đổi độ nhạy"), _("Đổi độ nhạy k của quy tắc cảnh báo")),
}


@hooks.register("register_log_actions")
def insights_log_actions(actions):
    register_actions(actions, LOG_ACTIONS)


register_permission_policy(Label, LabelAdminPolicy(Label))


@hooks.register("register_admin_viewset")
def register_insights():
    return [InsightsGroup(), ItemMatchViewSet("insights_match", url_prefix="insights/matches")]


@hooks.register("register_admin_urls")
def insights_admin_urls():
    return [path("insights/", include(admin_urlpatterns))]


@hooks.register("register_admin_menu_item")
def queue_menu_item():
    return MenuItem(_("Gán nhãn tin"), reverse("insights_queue"), icon_name="pick", order=221)


@hooks.register("register_admin_menu_item")
def inbox_menu_item():
    return InboxMenuItem(
        _("Hộp cảnh báo"),
        reverse("insights_inbox"),
        name="insights-inbox",
        icon_name="warning",
        order=219,
        attrs={"data-inbox-menu": ""},
    )


@hooks.register("register_admin_menu_item")
def trends_menu_item():
    return MenuItem(_("Xu hướng dư luận"), reverse("insights_trends"), icon_name="table", order=222)


@hooks.register("register_admin_menu_item")
def bulletin_menu_item():
    return MenuItem(
        _("Bản tin hằng ngày"), reverse("insights_bulletin"), icon_name="doc-full", order=223
    )


@hooks.register("construct_homepage_panels")
def insights_homepage_panel(request, panels):
    panels.append(insights_panel(request))
