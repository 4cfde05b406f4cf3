"""Role permissions of reports (found by `manage.py roles_ensure`)."""


def grant() -> None:
    from .demo import permissions_ensure

    permissions_ensure()
