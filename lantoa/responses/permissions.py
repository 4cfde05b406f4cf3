"""Role permissions of responses (found by `manage.py roles_ensure`)."""

from django.db import transaction

from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions

_VIOLATIONS = [
    f"{action}_{model}"
    for action in ("add", "change", "view")
    for model in ("violation", "violationstep")
]
# Recurrences of a claim: everyone who sees cases sees them; who works cases reviews them.
_REVIEW = ["view_claimrecurrence", "change_claimrecurrence"]
ROLE_PERMISSIONS = {
    Role.RAPID_RESPONSE: [
        "add_case",
        "change_case",
        "view_case",
        "act_on_case",
        *_VIOLATIONS,
        *_REVIEW,
    ],
    Role.MONITOR: ["add_case", "view_case", *_VIOLATIONS, *_REVIEW],
    Role.LEADER: ["change_case", "view_case", "act_on_case", *_VIOLATIONS, *_REVIEW],
    Role.EDITOR: ["view_case", "view_claimrecurrence"],
}


@transaction.atomic
def permissions_grant() -> None:
    """Grant each role its case permissions (idempotent)."""
    for role, codenames in ROLE_PERMISSIONS.items():
        role_grant_permissions(role=role, app_label="responses", codenames=codenames)
