from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SecurityConfig(AppConfig):
    """Hardening: login lock-out, two-factor authentication, security headers.

    An app of its own so Wagtail finds its hooks and templates; its one model is the security
    event (events.py).
    """

    name = "lantoa.core.security"
    label = "security"
    verbose_name = "Bảo mật"

    def ready(self):
        from django.apps import apps

        # After migrate has created axes' permissions (Django signals only apps with models, so
        # the sender is axes): the lock-out list is a leader's tool from day one.
        post_migrate.connect(_grant_permissions, sender=apps.get_app_config("axes"))
        _neutralise_wagtail_csv_exports()
        from axes.signals import user_locked_out

        from .middleware import record_wagtail_refusals

        record_wagtail_refusals()

        user_locked_out.connect(_record_lockout, dispatch_uid="lantoa_security_lockout")


def _record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    # axes' only hook for the moment a lock starts; the event service does the writing.
    from .events import SecurityEventKind, security_event_record

    security_event_record(
        kind=SecurityEventKind.LOCKOUT,
        message=f"Khóa đăng nhập tài khoản «{username or '?'}» sau nhiều lần sai mật khẩu.",
        request=request,
        target=username or "",
    )


def _grant_permissions(sender, **kwargs):
    from .services import security_roles_ensure

    security_roles_ensure()


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
