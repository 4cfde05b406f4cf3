"""Role groups, and the security app's grants (lock-out list for leaders)."""


def grant() -> None:
    from lantoa.core.security.services import security_roles_ensure
    from lantoa.core.services import roles_ensure

    roles_ensure()
    security_roles_ensure()
