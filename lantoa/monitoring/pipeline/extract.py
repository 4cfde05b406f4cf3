"""Stage 3: fetch the pages of link candidates (sitemaps, watched pages, manual URLs) and extract
their text with trafilatura. Links already stored are dropped before any request is made.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

import trafilatura
from django.conf import settings
from lxml import etree
from trafilatura.utils import load_html

from ..batch import Batch
from ..constants import FetchOutcome, ItemStatus
from ..fetcher import fetch_url, make_client
from ..formats import decode_html_bytes, parse_date
from ..models import Item
from ..urlnorm import url_hash
from .fetch import raw_save

log = logging.getLogger(__name__)

_BLOCKING = (FetchOutcome.ROBOTS, FetchOutcome.BLOCKED_ADDRESS)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dcterms.created",
)


@dataclass
class PageContent:
    title: str
    text: str
    published_at: datetime | None
    lang: str


def _meta(tree, names: tuple[str, ...]) -> str:
    wanted = {n.lower() for n in names}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in wanted and meta.get("content"):
            return meta.get("content").strip()
    return ""


def extract_page(body: bytes | str, *, url: str = "", declared: str = "") -> PageContent:
    """Title, main text, date and lang attribute of an HTML page (one parse, trafilatura text)."""
    html = body if isinstance(body, str) else decode_html_bytes(body, declared)
    tree = load_html(html)
    if tree is None:
        return PageContent("", "", None, "")
    title = _meta(tree, ("og:title", "twitter:title"))
    if not title:
        title_el = tree.find(".//title")
        title = title_el.text_content().strip() if title_el is not None else ""
    published = parse_date(_meta(tree, _DATE_META))
    lang = (tree.get("lang") or "").split("-")[0].lower()
    # trafilatura prunes the tree it is given; the metadata above is read first on purpose.
    text = trafilatura.extract(tree, url=url or None) or ""
    return PageContent(title=title, text=text, published_at=published, lang=lang)


def run(batch: Batch) -> Batch:
    to_fetch = [c for c in batch.candidates if c.needs_fetch]
    if not to_fetch:
        return batch
    for candidate in to_fetch:
        candidate.url_hash = url_hash(candidate.url)
    known = set(
        Item.objects.filter(url_hash__in=[c.url_hash for c in to_fetch]).values_list(
            "url_hash", flat=True
        )
    )
    limit = int(getattr(settings, "LANTOA_FETCH_NEW_LINKS_MAX", 30))
    fetched = 0
    for candidate in to_fetch:
        if candidate.url_hash in known:
            batch.drop(candidate, ItemStatus.DUPLICATE_URL, "đã có")
            continue
        if fetched >= limit:
            # Left for the next poll (which will be a full fetch): no final status yet.
            candidate.status = "deferred"
            batch.deferred += 1
            continue
        fetched += 1
        known.add(candidate.url_hash)
        _fetch_and_extract(batch, candidate)
    batch.candidates = [c for c in batch.candidates if not c.status]
    return batch


def _fetch_and_extract(batch: Batch, candidate) -> None:
    if batch.client is None:
        batch.client = make_client()
    result = fetch_url(batch.client, candidate.url)
    if not result.ok:
        status = ItemStatus.BLOCKED if result.outcome in _BLOCKING else ItemStatus.FETCH_FAILED
        batch.drop(candidate, status, result.error or result.outcome)
        return
    candidate.raw = raw_save(
        batch=batch,
        url=candidate.url,
        status=result.status,
        headers=result.headers,
        body=result.body,
    )
    try:
        page = extract_page(result.body, url=result.final_url, declared=result.content_type)
    except (etree.LxmlError, ValueError, RecursionError) as exc:
        log.warning("extraction failed for %s: %r", candidate.url, exc)
        batch.drop(candidate, ItemStatus.QUARANTINED, f"trích xuất lỗi: {exc!r}")
        return
    if page.title and (not candidate.title or batch.source.kind == "page"):
        candidate.title = page.title
    candidate.text = page.text
    # The feed's (or sitemap's) date is preferred; the page's only fills a gap.
    candidate.published_at = candidate.published_at or page.published_at
    candidate.lang_hint = candidate.lang_hint or page.lang
