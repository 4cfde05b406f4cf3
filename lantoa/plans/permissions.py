"""Role permissions of plans (found by `manage.py roles_ensure`)."""


def grant() -> None:
    from .services.access import plans_roles_ensure

    plans_roles_ensure()
