"""A temporary password is changed before anything else: an account created with one (the staff
import of the first-run setup page shows it once to the administrator) is sent to its account
page, where Wagtail's password form is, until its owner picks a password of their own."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _


def _exempt_paths() -> tuple[str, ...]:
    return (
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_javascript_catalog"),
        settings.STATIC_URL,
    )


class TemporaryPasswordMiddleware:
    """Sends a session whose account still has its temporary password to the account page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "has_temporary_password", False)
            and request.path.startswith("/admin/")
            and not request.path.startswith(_exempt_paths())
        ):
            messages.warning(
                request,
                _(
                    "Tài khoản đang dùng mật khẩu tạm do quản trị viên cấp. Hãy đặt mật khẩu mới "
                    "của riêng bạn (mục Mật khẩu dưới đây) trước khi làm việc."
                ),
            )
            return HttpResponseRedirect(reverse("wagtailadmin_account"))
        return self.get_response(request)
