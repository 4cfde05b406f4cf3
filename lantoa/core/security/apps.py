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
        post_migrate.connect(_ensure_wagtail_root, sender=apps.get_app_config("wagtailcore"))
        _neutralise_wagtail_csv_exports()


def _grant_permissions(sender, **kwargs):
    from .services import security_roles_ensure

    security_roles_ensure()


def _ensure_wagtail_root(sender, using="default", **kwargs):
    """Wagtail's tree root and default locale are rows its data migrations create once.

    A database flush (`flush`, or a transactional test tearing down) empties them and emits
    post_migrate, like Django does for content types and permissions; without a root the admin
    dashboard fails (NoReverseMatch on the explorer). Recreate them; a no-op after `migrate`.
    """
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    locale, _ = Locale.objects.using(using).get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.objects.using(using).filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def _neutralise_wagtail_csv_exports():
    """Wagtail writes CSV export cells verbatim (its XLSX export already stores formulas as text).

    Every ViewSet's list_export goes through this one method, so patching it here covers the
    exports of every app, present and future.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from lantoa.core.exports import safe_cell

    if getattr(SpreadsheetExportMixin.write_csv_row, "lantoa_safe", False):
        return

    def write_csv_row(self, writer, row_dict):
        # Wagtail's body, with safe_cell applied after the value has become text.
        return writer.writerow(
            {
                field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    write_csv_row.lantoa_safe = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row
