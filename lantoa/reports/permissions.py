"""Role permissions of reports (found by `manage.py roles_ensure`)."""

from .demo import permissions_ensure


def grant() -> None:
    permissions_ensure()
