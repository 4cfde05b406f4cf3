"""Role permissions of monitoring (found by `manage.py roles_ensure`)."""


def grant() -> None:
    from .services import permissions_grant

    permissions_grant()
