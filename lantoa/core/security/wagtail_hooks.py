from django.urls import path, reverse
from wagtail import hooks

from lantoa.core.audit import register_actions

from . import two_factor
from .event_views import SecurityEventViewSet
from .lockouts import AccessAttemptViewSet


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("2fa/setup/", two_factor.setup_view, name="lantoa_2fa_setup"),
        path("2fa/verify/", two_factor.verify_view, name="lantoa_2fa_verify"),
        path("2fa/reset/<int:user_id>/", two_factor.reset_view, name="lantoa_2fa_reset"),
        path(
            "2fa/enrolment-code/<int:user_id>/",
            two_factor.enrolment_code_view,
            name="lantoa_2fa_enrolment_code",
        ),
    ]


@hooks.register("register_admin_viewset")
def lockouts_viewset():
    return AccessAttemptViewSet("security_lockouts")


@hooks.register("register_admin_viewset")
def security_events_viewset():
    return SecurityEventViewSet("security_events")


@hooks.register("register_log_actions")
def security_actions(actions):
    register_actions(
        actions,
        {
            "lantoa.2fa_enable": ("Bật xác thực hai lớp", "Đã bật xác thực hai lớp"),
            "lantoa.2fa_reset": (
                "Gỡ thiết bị xác thực hai lớp",
                "Đã gỡ thiết bị xác thực hai lớp",
            ),
            "lantoa.security_event": ("Sự kiện bảo mật", "Đã ghi nhận một sự kiện bảo mật"),
            "lantoa.2fa_code_issue": (
                "Cấp mã đăng ký xác thực hai lớp",
                "Đã cấp mã đăng ký xác thực hai lớp",
            ),
            "lantoa.2fa_code_use": (
                "Dùng mã đăng ký xác thực hai lớp",
                "Đã dùng mã đăng ký xác thực hai lớp",
            ),
            "lantoa.retention_purge": (
                "Xóa dữ liệu quá hạn lưu giữ",
                "Đã xóa dữ liệu theo dõi quá hạn lưu giữ",
            ),
        },
    )


@hooks.register("register_user_listing_buttons")
def enrolment_code_button(user, request_user):
    """In the user list: an administrator issues a leader's two-factor enrolment code."""
    from django_otp import user_has_device
    from wagtail.admin.widgets import ListingButton

    if not request_user.is_superuser or not two_factor.requires_two_factor(user):
        return []
    if user_has_device(user, confirmed=True):
        return []
    return [
        ListingButton(
            "Cấp mã đăng ký xác thực hai lớp",
            reverse("lantoa_2fa_enrolment_code", args=[user.pk]),
            icon_name="key",
            priority=61,
        )
    ]


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    """In the user list: remove a lost authenticator (leaders and administrators)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from wagtail.admin.widgets import ListingButton

    if not two_factor.may_remove_devices(request_user, user):
        return []
    if not TOTPDevice.objects.filter(user=user).exists():
        return []
    return [
        ListingButton(
            "Gỡ thiết bị xác thực hai lớp",
            reverse("lantoa_2fa_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )
    ]
