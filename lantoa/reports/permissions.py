"""Role permissions of reports (found by `manage.py roles_ensure`)."""

from django.db import transaction

from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions


@transaction.atomic
def permissions_grant() -> None:
    """Leaders write the annual report's narrative (idempotent)."""
    role_grant_permissions(
        role=Role.LEADER,
        app_label="reports",
        codenames=[
            "view_annualreportnarrative",
            "add_annualreportnarrative",
            "change_annualreportnarrative",
        ],
    )
