"""Role permissions of saved searches (found by `manage.py roles_ensure`)."""

from django.db import transaction

from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions

SAVED_SEARCH_PERMISSIONS = [
    "add_savedsearch",
    "change_savedsearch",
    "delete_savedsearch",
    "view_savedsearch",
]


@transaction.atomic
def permissions_grant() -> None:
    for role in (Role.LEADER, Role.MONITOR, Role.RAPID_RESPONSE, Role.EDITOR):
        role_grant_permissions(role=role, app_label="search", codenames=SAVED_SEARCH_PERMISSIONS)
