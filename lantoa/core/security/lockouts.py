"""Login lock-outs (django-axes): the page a locked-out visitor sees, and the admin list of locks.

A lock is an axes `AccessAttempt` row whose failure count reached `AXES_FAILURE_LIMIT`. Leaders
and superusers see them under Settings and lift one by deleting it (logged in the site history).
"""

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a Vietnamese page with HTTP 429."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return TemplateResponse(
        request,
        "security/locked_out.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    ).render()


class ViewAndLiftPolicy(ModelPermissionPolicy):
    """Locks are created by failed logins only: nobody adds or edits one in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AccessAttemptViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Khóa đăng nhập")
    add_to_settings_menu = True
    url_prefix = "security/lockouts"
    url_namespace = "security_lockouts"
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "username",
        "ip_address",
        "user_agent",
        "failures_since_start",
        "attempt_time",
        "path_info",
    ]
    list_export = ["username", "ip_address", "failures_since_start", "attempt_time", "user_agent"]
    export_filename = "khoa-dang-nhap"
    # Never shown (the policy refuses add and change), but a ModelViewSet must name its fields.
    form_fields = ["username"]
    # Lifting a lock = deleting the attempt record; confirmed in the standard delete view.


register_permission_policy(AccessAttempt, ViewAndLiftPolicy(AccessAttempt))
