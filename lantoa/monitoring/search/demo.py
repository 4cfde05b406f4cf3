"""Demo ward part of search: role permissions for saved searches and an up-to-date index."""

from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions

from .services import items_reindex_all

SAVED_SEARCH_PERMISSIONS = [
    "add_savedsearch",
    "change_savedsearch",
    "delete_savedsearch",
    "view_savedsearch",
]


def load(*, log) -> None:
    for role in (Role.LEADER, Role.MONITOR, Role.RAPID_RESPONSE, Role.EDITOR):
        role_grant_permissions(role=role, app_label="search", codenames=SAVED_SEARCH_PERMISSIONS)
    # Items loaded by the monitoring demo (if any) become searchable.
    count = items_reindex_all()
    log(f"search: {count} items indexed")
