"""One-time setup of the responses app: role permissions, the public index and its workflow."""

from django.db import transaction

from lantoa.core.services import roles_ensure

from ..permissions import permissions_grant
from .pages import clarification_index_ensure


@transaction.atomic
def responses_setup(*, with_site: bool = True) -> None:
    """Grant each role its case permissions; create the public index when the site exists."""
    roles_ensure()
    permissions_grant()
    if with_site:
        clarification_index_ensure()
