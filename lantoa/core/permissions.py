"""Role groups, and the security app's grants (lock-out list for leaders).

Every Lantoa app grants its role permissions the same way: `<app>/permissions.py` exposes
`permissions_grant()` (idempotent), which `manage.py roles_ensure` calls for each app in
`settings.LANTOA_APPS` order (core first, so the groups exist) and the demo loaders call too.
"""

from django.db import transaction

from lantoa.core.security.services import security_roles_ensure
from lantoa.core.services import roles_ensure


@transaction.atomic
def permissions_grant() -> None:
    roles_ensure()
    security_roles_ensure()
