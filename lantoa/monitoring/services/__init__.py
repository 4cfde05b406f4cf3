"""Writes of the monitoring app, by subdomain: `sources` (adding, claiming and polling sources,
the beat schedule), `ingest` (a pasted URL, a file of posts, entries and pages), `items`
(corrections in the admin, original links, pseudonymising, re-extraction)."""

from .ingest import MANUAL_SOURCE_NAME, entries_ingest, pages_ingest, posts_import, url_submit
from .items import (
    ORIGINAL_OPEN,
    item_create,
    item_original_open,
    item_reextract,
    item_update,
    items_pseudonymise,
)
from .opml import sources_import_opml
from .sources import (
    WORKER_LOST,
    claim_lease,
    source_create,
    source_poll,
    sources_claim,
    sources_poll_due,
)

__all__ = [
    "MANUAL_SOURCE_NAME",
    "ORIGINAL_OPEN",
    "WORKER_LOST",
    "claim_lease",
    "entries_ingest",
    "item_create",
    "item_original_open",
    "item_reextract",
    "item_update",
    "items_pseudonymise",
    "pages_ingest",
    "posts_import",
    "source_create",
    "source_poll",
    "sources_claim",
    "sources_import_opml",
    "sources_poll_due",
    "url_submit",
]
