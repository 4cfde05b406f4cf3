"""The administrators' page of security events (Settings → Sự kiện bảo mật)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import SecurityEvent


class AdministratorsOnlyPolicy(ModelPermissionPolicy):
    """Only administrators (superusers) read security events; nobody edits or deletes one."""

    def user_has_permission(self, user, action):
        return action in {"view", "inspect"} and bool(user.is_active and user.is_superuser)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions, **kwargs):
        from django.contrib.auth import get_user_model

        if not set(actions) & {"view", "inspect"}:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class SecurityEventViewSet(ModelViewSet):
    model = SecurityEvent
    icon = "warning"
    menu_label = _("Sự kiện bảo mật")
    add_to_settings_menu = True
    url_prefix = "security/events"
    url_namespace = "security_events"
    list_display = ["created_at", "kind", "message", "user", "address", "target"]
    list_filter = ["kind", "created_at"]
    search_fields = ["message", "target", "path"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_fields = ["created_at", "kind", "message", "user", "address", "path", "target"]
    list_export = ["created_at", "kind", "message", "user", "address", "path", "target"]
    export_filename = "su-kien-bao-mat"
    form_fields = ["message"]  # never shown: the policy refuses add and change


register_permission_policy(SecurityEvent, AdministratorsOnlyPolicy(SecurityEvent))
