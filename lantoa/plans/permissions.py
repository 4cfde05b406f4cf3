"""Which role may do what in the plans app (model permissions on the role groups; found by
`manage.py roles_ensure`)."""

from django.db import transaction

from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions

_MODELS = [
    "directive",
    "plan",
    "plansection",
    "assignment",
    "task",
    "taskperiod",
    "progressreport",
    "reportevidence",
    "disseminationsession",
    "documentnumber",
    "notification",
    "inspectionplan",
    "inspectionvisit",
    "inspectionfinding",
    "inspectionrecommendation",
]
_MODELS.append("requiredreport")
_INSPECTION = ["inspectionplan", "inspectionvisit", "inspectionfinding", "inspectionrecommendation"]


def _codes(actions, models=_MODELS):
    return [f"{action}_{model}" for action in actions for model in models]


@transaction.atomic
def permissions_grant() -> None:
    """Grant the plans permissions to the role groups (idempotent; run by load_demo and by
    `manage.py roles_ensure` on a production install)."""
    role_grant_permissions(
        role=Role.LEADER,
        app_label="plans",
        codenames=[*_codes(["add", "change", "delete", "view"]), "review_progressreport"],
    )
    role_grant_permissions(
        role=Role.MONITOR,
        app_label="plans",
        codenames=_codes(["view"])
        + _codes(
            ["add", "change"],
            [
                "directive",
                "plan",
                "task",
                "disseminationsession",
                "documentnumber",
                "requiredreport",
                *_INSPECTION,
            ],
        ),
    )
    for role in (Role.EDITOR, Role.RAPID_RESPONSE):
        role_grant_permissions(
            role=role, app_label="plans", codenames=_codes(["view"], ["directive", "plan", "task"])
        )
    role_grant_permissions(
        role=Role.UNIT_REPORTER,
        app_label="plans",
        codenames=[
            *_codes(
                ["view"],
                [
                    "directive",
                    "plan",
                    "task",
                    "progressreport",
                    "disseminationsession",
                    "notification",
                    "inspectionvisit",
                    "inspectionfinding",
                    "inspectionrecommendation",
                    "requiredreport",
                ],
            ),
            "add_progressreport",
            "add_disseminationsession",
        ],
    )
