"""Role permissions of people (found by `manage.py roles_ensure`)."""

from django.db import transaction

from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions

_MODELS = [
    "staffmember",
    "training",
    "trainingattendance",
    "rapidresponseteam",
    "teammembership",
    "oncallshift",
    "collaborator",
    "collaboratorparticipation",
]


@transaction.atomic
def permissions_grant() -> None:
    """Who may do what with people records (idempotent)."""
    every = [f"{verb}_{model}" for model in _MODELS for verb in ("view",)]
    role_grant_permissions(role=Role.LEADER, app_label="people", codenames=every)
    role_grant_permissions(
        role=Role.RAPID_RESPONSE,
        app_label="people",
        codenames=[
            f"{verb}_{m}"
            for m in ("rapidresponseteam", "teammembership", "oncallshift")
            for verb in ("view", "change", "add")
        ],
    )
    role_grant_permissions(
        role=Role.UNIT_REPORTER,
        app_label="people",
        codenames=[
            f"{verb}_{m}"
            for m in ("staffmember", "training", "trainingattendance")
            for verb in ("view", "add", "change")
        ],
    )
