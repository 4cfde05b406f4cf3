"""Admin registration of the promotion app: library and calendar snippets, the calendar,
translation and reach-import views with their menu items, the dashboard panel. The code lives in
`admin/`."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .admin.menu import PermissionMenuItem
from .admin.panels import promotion_panel
from .admin.urls import urlpatterns as admin_urlpatterns
from .admin.viewsets import PromotionGroup

register_snippet(PromotionGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("promotion/", include((admin_urlpatterns, "promotion_admin")))]


@hooks.register("register_admin_menu_item")
def calendar_menu_item():
    return PermissionMenuItem(
        _("Lịch biên tập"),
        reverse("promotion_admin:calendar"),
        icon_name="date",
        order=301,
        permission="promotion.view_contentplanitem",
    )


@hooks.register("register_reports_menu_item")
def translations_menu_item():
    return MenuItem(
        _("Tình trạng bản dịch"),
        reverse("promotion_admin:translations"),
        icon_name="globe",
        order=800,
    )


@hooks.register("register_admin_menu_item")
def reach_import_menu_item():
    return PermissionMenuItem(
        _("Nhập số liệu tiếp cận"),
        reverse("promotion_admin:reach_import"),
        icon_name="upload",
        order=302,
        permission="promotion.add_channelpost",
    )


@hooks.register("construct_homepage_panels")
def promotion_homepage_panel(request, panels):
    if panel := promotion_panel(request):
        panels.append(panel)
