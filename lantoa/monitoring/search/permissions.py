"""Role permissions of saved searches (found by `manage.py roles_ensure`)."""

from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions

from .demo import SAVED_SEARCH_PERMISSIONS


def grant() -> None:
    for role in (Role.LEADER, Role.MONITOR, Role.RAPID_RESPONSE, Role.EDITOR):
        role_grant_permissions(role=role, app_label="search", codenames=SAVED_SEARCH_PERMISSIONS)
