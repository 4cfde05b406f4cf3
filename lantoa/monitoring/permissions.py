"""Role permissions of monitoring (found by `manage.py roles_ensure`)."""

from .services import permissions_grant


def grant() -> None:
    permissions_grant()
