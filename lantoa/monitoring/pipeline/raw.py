"""Raw responses: every fetched body is kept, zlib-compressed, so items can be re-extracted.

The stages that fetch (fetch, parse for child sitemaps, extract for pages) share these.
"""

import zlib

from ..batch import Batch
from ..models import RawResponse

RAW_COMPRESSION = 3
KEPT_HEADERS = ("content-type", "etag", "last-modified", "date", "content-language")


def raw_headers(headers: dict) -> dict:
    """The response headers worth keeping beside a raw body."""
    return {k: v for k, v in headers.items() if k in KEPT_HEADERS}


def raw_save(*, batch: Batch, url: str, status: int | None, headers: dict, body: bytes):
    """Keep a fetched body, zlib-compressed, for later re-extraction."""
    return RawResponse.objects.create(
        source=batch.source,
        poll_run=batch.poll_run,
        url=url[:2000],
        status_code=status,
        headers=raw_headers(headers),
        body_compressed=zlib.compress(body, RAW_COMPRESSION),
        size=len(body),
    )
