from django.urls import path
from wagtail import hooks

from lantoa.core.audit import register_actions

from . import two_factor
from .lockouts import AccessAttemptViewSet


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("2fa/setup/", two_factor.setup_view, name="lantoa_2fa_setup"),
        path("2fa/verify/", two_factor.verify_view, name="lantoa_2fa_verify"),
    ]


@hooks.register("register_admin_viewset")
def lockouts_viewset():
    return AccessAttemptViewSet("security_lockouts")


@hooks.register("register_log_actions")
def security_actions(actions):
    register_actions(
        actions,
        {
            "lantoa.2fa_enable": ("Bật xác thực hai lớp", "Đã bật xác thực hai lớp"),
            "lantoa.retention_purge": (
                "Xóa dữ liệu quá hạn lưu giữ",
                "Đã xóa dữ liệu theo dõi quá hạn lưu giữ",
            ),
        },
    )
