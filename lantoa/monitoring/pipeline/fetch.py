"""Stage 1: fetch the source's document (feed, sitemap, page) with conditional GET.

File imports and manual submissions bring their own content and pass through untouched.
"""

from ..batch import Batch
from ..constants import FetchOutcome, SourceKind
from ..fetcher import fetch_url, make_client
from .raw import raw_save

FETCHED_KINDS = (SourceKind.FEED, SourceKind.SITEMAP, SourceKind.PAGE)


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
    batch.error_kind = result.kind
    if result.detail and result.detail != result.error:
        # The plain sentence first; the technical text after it, for an administrator.
        batch.poll_run.error = f"{result.error}\nChi tiết kỹ thuật: {result.detail}"
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
