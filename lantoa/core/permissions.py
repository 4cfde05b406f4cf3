"""Role groups, and the security app's grants (lock-out list for leaders)."""

from lantoa.core.security.services import security_roles_ensure
from lantoa.core.services import roles_ensure


def grant() -> None:
    roles_ensure()
    security_roles_ensure()
