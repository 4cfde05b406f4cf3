"""News sitemaps: a urlset's page links and a sitemapindex's child sitemaps."""

from datetime import UTC, datetime

import defusedxml.ElementTree as SafeET
from django.utils.translation import gettext as _

from ..batch import Candidate
from ..fetcher import FetchResult, gunzip_capped
from .common import Unparseable, parse_date, xml_check


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sitemap_entries(
    result: FetchResult,
) -> tuple[list[Candidate], list[tuple[str, datetime | None]]]:
    """The page links of a sitemap (a urlset), newest first, and the child sitemaps it lists
    (a sitemapindex) with their lastmod."""
    body = gunzip_capped(result.body)
    xml_check(body)
    try:
        root = SafeET.fromstring(body)
    except (SafeET.ParseError, LookupError) as exc:
        raise Unparseable(_("Sơ đồ trang không hợp lệ: %(error)s") % {"error": exc}) from exc
    candidates, children = [], []
    for url_el in root:
        kind = _local(url_el.tag)
        if kind not in ("url", "sitemap"):
            continue
        fields = {}
        for child in url_el.iter():
            name = _local(child.tag)
            if child.text and name not in fields:
                fields[name] = child.text.strip()
        loc = fields.get("loc", "")
        if not loc.startswith(("http://", "https://")):
            continue
        if kind == "sitemap":
            children.append((loc, parse_date(fields.get("lastmod"))))
            continue
        candidates.append(
            Candidate(
                url=loc,
                title=fields.get("title", ""),
                published_at=parse_date(fields.get("publication_date") or fields.get("lastmod")),
                lang_hint=fields.get("language", ""),
                needs_fetch=True,
            )
        )
    return newest_links(candidates), children


def newest_links(candidates: list[Candidate]) -> list[Candidate]:
    """All the links, newest first (the extract stage fetches the newest first and leaves the
    rest, counted, for the next poll)."""
    candidates.sort(key=lambda c: c.published_at or datetime.min.replace(tzinfo=UTC), reverse=True)
    return candidates


def sitemap_links(result: FetchResult) -> list[Candidate]:
    """The page links of a urlset sitemap (child sitemaps are followed by the parse stage)."""
    return sitemap_entries(result)[0]
