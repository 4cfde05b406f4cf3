"""One-time setup of the responses app: role permissions, the public index and its workflow."""

from django.db import transaction

from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions, roles_ensure

from .pages import clarification_index_ensure

ROLE_PERMISSIONS = {
    Role.RAPID_RESPONSE: ["add_case", "change_case", "view_case", "act_on_case"],
    Role.MONITOR: ["add_case", "view_case"],
    Role.LEADER: ["change_case", "view_case", "act_on_case"],
    Role.EDITOR: ["view_case"],
}


@transaction.atomic
def responses_setup(*, with_site: bool = True) -> None:
    """Grant each role its case permissions; create the public index when the site exists."""
    roles_ensure()
    for role, codenames in ROLE_PERMISSIONS.items():
        role_grant_permissions(role=role, app_label="responses", codenames=codenames)
    if with_site:
        clarification_index_ensure()
