from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SecurityConfig(AppConfig):
    """Hardening: login lock-out, two-factor authentication, security headers.

    An app of its own so Wagtail finds its hooks and templates; it has no models.
    """

    name = "lantoa.core.security"
    label = "security"
    verbose_name = "Bảo mật"

    def ready(self):
        from django.apps import apps

        # After migrate has created axes' permissions (Django signals only apps with models, so
        # the sender is axes): the lock-out list is a leader's tool from day one.
        post_migrate.connect(_grant_permissions, sender=apps.get_app_config("axes"))


def _grant_permissions(sender, **kwargs):
    from .services import security_roles_ensure

    security_roles_ensure()
