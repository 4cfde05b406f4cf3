"""Role permissions of insights (found by `manage.py roles_ensure` and the demo loader)."""

from django.db import transaction

from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions

MONITOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in (
        "watchlist",
        "topic",
        "label",
        "alertrule",
        "itemmatch",
        "alert",
        "bulletinrecipient",
    )
    for action in ("add", "change", "view", "delete")
] + [
    "add_classifiermodel",
    "view_classifiermodel",
    "change_classifiermodel",
    "view_trainingjob",
    "add_trainingjob",
]
LEADER_PERMISSIONS = [
    "view_watchlist",
    "view_topic",
    "view_alert",
    "view_itemmatch",
    "view_classifiermodel",
    "view_bulletinrecipient",
]


@transaction.atomic
def permissions_grant() -> None:
    for role in (Role.MONITOR, Role.RAPID_RESPONSE):
        role_grant_permissions(role=role, app_label="insights", codenames=MONITOR_PERMISSIONS)
        # Stories (one concept, kept by monitoring) are read and renamed in insights' screens.
        role_grant_permissions(
            role=role, app_label="monitoring", codenames=["view_story", "change_story"]
        )
    role_grant_permissions(role=Role.LEADER, app_label="insights", codenames=LEADER_PERMISSIONS)
    role_grant_permissions(role=Role.LEADER, app_label="monitoring", codenames=["view_story"])
