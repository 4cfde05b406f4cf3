"""Stage 1: fetch the source's document (feed, sitemap, page) with conditional GET.

File imports and manual submissions bring their own content and pass through untouched.
"""

import zlib

from ..batch import Batch
from ..constants import FetchOutcome, SourceKind
from ..fetcher import fetch_url, make_client
from ..models import RawResponse

FETCHED_KINDS = (SourceKind.FEED, SourceKind.SITEMAP, SourceKind.PAGE)
RAW_COMPRESSION = 3


def raw_save(*, batch: Batch, url: str, status: int | None, headers: dict, body: bytes):
    """Keep a fetched body, zlib-compressed, for later re-extraction."""
    return RawResponse.objects.create(
        source=batch.source,
        poll_run=batch.poll_run,
        url=url[:2000],
        status_code=status,
        headers={k: v for k, v in headers.items() if k in KEPT_HEADERS},
        body_compressed=zlib.compress(body, RAW_COMPRESSION),
        size=len(body),
    )


KEPT_HEADERS = ("content-type", "etag", "last-modified", "date", "content-language")


def run(batch: Batch) -> Batch:
    source = batch.source
    if batch.preloaded or source.kind not in FETCHED_KINDS:
        batch.outcome = FetchOutcome.OK
        return batch
    if batch.client is None:
        batch.client = make_client()
    headers = {}
    if not batch.full_fetch:
        if source.etag:
            headers["If-None-Match"] = source.etag
        if source.last_modified:
            headers["If-Modified-Since"] = source.last_modified
    result = fetch_url(batch.client, source.url, headers=headers)
    batch.document = result
    batch.outcome = result.outcome
    batch.error = result.error
    batch.poll_run.http_status = result.status
    if result.ok:
        batch.document_raw = raw_save(
            batch=batch,
            url=source.url,
            status=result.status,
            headers=result.headers,
            body=result.body,
        )
    return batch
