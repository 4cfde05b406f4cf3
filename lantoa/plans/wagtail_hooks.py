"""Admin of the plans app: menus, ViewSets, dashboard panel, log actions, custom views."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet

from lantoa.core.audit import register_actions

from .admin import inspections, viewsets
from .admin.panels import plans_panel
from .admin.urls import urlpatterns as admin_urlpatterns

LOG_ACTIONS = {
    "plans.plan_import": (_("Nhập kế hoạch"), _("Đã nhập kế hoạch từ tệp")),
    "plans.task_assign": (_("Giao nhiệm vụ"), _("Đã giao nhiệm vụ")),
    "plans.unit_create_from_plan": (
        _("Tạo đơn vị từ kế hoạch"),
        _("Đã tạo đơn vị mà kế hoạch nêu tên"),
    ),
    "plans.task_cancel": (_("Hủy nhiệm vụ"), _("Đã hủy nhiệm vụ")),
    "plans.task_deadline": (_("Đổi thời hạn nhiệm vụ"), _("Đã đổi thời hạn nhiệm vụ")),
    "plans.report_submit": (_("Gửi báo cáo"), _("Đã gửi báo cáo tiến độ")),
    "plans.report_accept": (_("Chấp nhận báo cáo"), _("Đã chấp nhận báo cáo")),
    "plans.report_return": (_("Trả lại báo cáo"), _("Đã trả lại báo cáo")),
    "plans.session_record": (_("Ghi buổi quán triệt"), _("Đã ghi buổi quán triệt")),
    "plans.number_allocate": (_("Lấy số văn bản"), _("Đã lấy số văn bản")),
    "plans.inspection_plan": (_("Lập kế hoạch kiểm tra"), _("Đã lập kế hoạch kiểm tra")),
    "plans.inspection_visit": (_("Ghi cuộc kiểm tra"), _("Đã ghi cuộc kiểm tra")),
    "plans.inspection_finding": (_("Ghi kết quả kiểm tra"), _("Đã ghi kết quả kiểm tra")),
    "plans.inspection_recommend": (_("Kiến nghị sau kiểm tra"), _("Đã ghi kiến nghị")),
    "plans.required_report": (_("Yêu cầu báo cáo"), _("Đã lập báo cáo bắt buộc")),
    "plans.required_report_receive": (_("Nhận báo cáo"), _("Đã nhận báo cáo bắt buộc")),
    "plans.reminder_letter": (_("Công văn đôn đốc"), _("Đã soạn công văn đôn đốc")),
}


@hooks.register("register_log_actions")
def plans_log_actions(actions):
    register_actions(actions, LOG_ACTIONS)


register_snippet(viewsets.PlansGroup)
register_snippet(inspections.InspectionsGroup)


@hooks.register("register_admin_urls")
def plans_admin_urls():
    return [path("plans/", include((admin_urlpatterns, "plans_admin"), namespace="plans_admin"))]


@hooks.register("construct_homepage_panels")
def plans_homepage_panel(request, panels):
    panels.append(plans_panel(request))


TOOLS = [
    ("my_unit", _("Nhiệm vụ của đơn vị tôi"), "user", 10),
    ("report_submit", _("Gửi báo cáo tiến độ"), "upload", 20),
    ("plan_import", _("Nhập kế hoạch từ tệp"), "doc-full", 30),
    ("coverage", _("Tình hình quán triệt"), "group", 40),
    ("annual_report", _("Báo cáo năm (DOCX)"), "download", 50),
    ("reminder", _("Công văn đôn đốc"), "mail", 60),
    ("tasks_xlsx", _("Danh sách nhiệm vụ (XLSX)"), "download", 70),
]
for _name, _label, _icon, _order in TOOLS:

    def _item(name=_name, label=_label, icon=_icon, order=_order):
        return MenuItem(label, reverse(f"plans_admin:{name}"), icon_name=icon, order=order)

    hooks.register("register_plans_tools_menu_item", _item)

tools_menu = Menu(register_hook_name="register_plans_tools_menu_item")


@hooks.register("register_admin_menu_item")
def plans_tools_menu():
    return SubmenuMenuItem(
        _("Theo dõi kế hoạch"), tools_menu, icon_name="tasks", name="plans-tools", order=210
    )
