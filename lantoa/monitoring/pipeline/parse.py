"""Stage 2: turn the fetched document (or upload) into candidate items.

A sitemap index (sitemapindex) is followed: its newest child sitemaps are fetched with the same
client and guards as every request (address guard, robots.txt, size caps, host interval), at most
SITEMAP_CHILDREN_MAX of them and SITEMAP_DEPTH_MAX levels deep, each kept as a raw response.
"""

import logging
from datetime import UTC, datetime

from ..batch import Batch
from ..constants import FetchErrorKind, FetchOutcome, LeftOut, SourceKind
from ..fetcher import fetch_url, make_client
from ..formats import feeds, pages, sitemaps, social
from ..formats.common import Unparseable, UnsafeXml, source_zone
from .raw import raw_save

log = logging.getLogger(__name__)

SITEMAP_CHILDREN_MAX = 5
SITEMAP_DEPTH_MAX = 2


def run(batch: Batch) -> Batch:
    if batch.preloaded or batch.outcome != FetchOutcome.OK:
        return batch
    kind = batch.source.kind
    try:
        if kind == SourceKind.FEED:
            batch.candidates = feeds.feed_entries(
                batch.document, left_out=batch.left_out, zone=source_zone(batch.source)
            )
            if batch.source.wants_full_text():
                # Summary-only items: the extract stage fetches their pages (optional: an item
                # whose page cannot be had keeps its summary).
                for candidate in batch.candidates:
                    if candidate.summary_only:
                        candidate.needs_fetch = candidate.full_text_optional = True
        elif kind == SourceKind.SITEMAP:
            batch.candidates = _sitemap_candidates(batch)
        elif kind == SourceKind.PAGE:
            batch.candidates = pages.page_links(batch.document, batch.source.url)
        elif kind == SourceKind.SOCIAL_IMPORT and batch.upload is not None:
            batch.candidates = social.social_rows(
                batch.upload,
                batch.upload_name,
                batch.source.column_mapping,
                left_out=batch.left_out,
            )
    except UnsafeXml as exc:
        batch.outcome, batch.error = FetchOutcome.UNSAFE_XML, str(exc)
        batch.error_kind = FetchErrorKind.UNSAFE_XML
    except Unparseable as exc:
        batch.outcome, batch.error = FetchOutcome.PARSE_ERROR, str(exc)
        batch.error_kind = (
            FetchErrorKind.NOT_A_FEED if kind == SourceKind.FEED else FetchErrorKind.UNREADABLE
        )
        if kind == SourceKind.FEED:
            batch.poll_run.error = f"{FetchErrorKind.NOT_A_FEED.label}\nChi tiết kỹ thuật: {exc}"
            batch.error = str(FetchErrorKind.NOT_A_FEED.label)
    return batch


def _sitemap_candidates(batch: Batch) -> list:
    links, children = sitemaps.sitemap_entries(batch.document)
    seen = {batch.source.url}
    budget = SITEMAP_CHILDREN_MAX
    failures = []
    for _depth in range(SITEMAP_DEPTH_MAX):
        if not children or budget <= 0:
            break
        oldest = datetime.min.replace(tzinfo=UTC)
        children.sort(key=lambda child: child[1] or oldest, reverse=True)
        deeper, skipped = [], []
        for url, lastmod in children:
            if budget <= 0:
                skipped.append((url, lastmod))
                continue
            if url in seen:
                continue
            seen.add(url)
            budget -= 1
            if batch.client is None:
                batch.client = make_client()
            result = fetch_url(batch.client, url)
            if not result.ok:
                failures.append(f"{url}: {result.error or result.outcome}")
                continue
            raw_save(
                batch=batch, url=url, status=result.status, headers=result.headers, body=result.body
            )
            # An unsafe or broken child refuses the poll like an unsafe or broken index would.
            more_links, more_children = sitemaps.sitemap_entries(result)
            links.extend(more_links)
            deeper.extend(more_children)
        children = deeper + skipped
    # Older child sitemaps past the budget (or deeper than followed) are not read: counted.
    batch.leave(LeftOut.CHILD_SITEMAPS, len({url for url, _lastmod in children} - seen))
    if failures:
        log.warning("child sitemaps of source %s failed: %s", batch.source.pk, failures)
        batch.error = "; ".join(failures)[:1000]
    return sitemaps.newest_links(links)
