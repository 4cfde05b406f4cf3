"""Role permissions of monitoring (found by `manage.py roles_ensure`)."""

from django.db import transaction

from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions


@transaction.atomic
def permissions_grant() -> None:
    """Model permissions of monitoring for the office's roles (idempotent)."""
    view = ["view_source", "view_item", "view_story", "view_pollrun"]
    role_grant_permissions(
        role=Role.MONITOR,
        app_label="monitoring",
        codenames=[*view, "add_source", "change_source", "add_item", "change_item", "change_story"],
    )
    role_grant_permissions(role=Role.LEADER, app_label="monitoring", codenames=view)
    # The team that verifies a post may open its original link (each opening is audited).
    role_grant_permissions(
        role=Role.RAPID_RESPONSE,
        app_label="monitoring",
        codenames=[*view, "view_original_link"],
    )
