"""Demo ward part of search: role permissions for saved searches and an up-to-date index."""

from .permissions import permissions_grant
from .services import items_reindex_all


def load(*, log) -> None:
    permissions_grant()
    # Items loaded by the monitoring demo (if any) become searchable.
    count = items_reindex_all()
    log(f"search: {count} items indexed")
