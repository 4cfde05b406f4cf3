"""Stage 2: turn the fetched document (or upload) into candidate items."""

from .. import formats as sources
from ..batch import Batch
from ..constants import FetchOutcome, SourceKind


def run(batch: Batch) -> Batch:
    if batch.preloaded or batch.outcome != FetchOutcome.OK:
        return batch
    kind = batch.source.kind
    try:
        if kind == SourceKind.FEED:
            batch.candidates = sources.feed_entries(batch.document)
        elif kind == SourceKind.SITEMAP:
            batch.candidates = sources.sitemap_links(batch.document)
        elif kind == SourceKind.PAGE:
            batch.candidates = sources.page_links(batch.document, batch.source.url)
        elif kind == SourceKind.SOCIAL_IMPORT and batch.upload is not None:
            batch.candidates = sources.social_rows(
                batch.upload, batch.upload_name, batch.source.column_mapping
            )
    except sources.UnsafeXml as exc:
        batch.outcome, batch.error = FetchOutcome.UNSAFE_XML, str(exc)
    except sources.Unparseable as exc:
        batch.outcome, batch.error = FetchOutcome.PARSE_ERROR, str(exc)
    return batch
