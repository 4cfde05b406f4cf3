"""Feeds: RSS, Atom (through feedparser, after the XML guard) and JSON Feed."""

import json
from datetime import tzinfo
from urllib.parse import urljoin

import feedparser
from django.utils.translation import gettext as _

from ..batch import Candidate
from ..constants import LeftOut
from ..fetcher import FetchResult, gunzip_capped
from .common import (
    HTML_TAG,
    Unparseable,
    charset_fixed_headers,
    left_out_count,
    parse_date,
    synthetic_url,
    xml_check,
)

# A feed item whose full content has fewer characters of text than this carries a summary only.
FULL_TEXT_MIN_CHARS = 500


def is_summary_only(content: str, link: str) -> bool:
    """No full content in the feed (only a summary, or a short teaser) and a real article link."""
    if not link.startswith(("http://", "https://")) or "#lantoa-" in link:
        return False
    return len(HTML_TAG.sub("", content or "").strip()) < FULL_TEXT_MIN_CHARS


def feed_entries(
    result: FetchResult, *, left_out: dict[str, int] | None = None, zone: tzinfo | None = None
) -> list[Candidate]:
    """Every entry of the feed: the document is bounded by the fetcher's size limit, never cut
    by a count (entries past a cap would be lost to conditional GET). A date with no zone written
    is read in `zone` (the source's country's, common.source_zone), else the office's."""
    body = gunzip_capped(result.body)
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") or "json" in result.content_type:
        return json_feed_entries(stripped, left_out=left_out, zone=zone)
    xml_check(body)
    parsed = feedparser.parse(
        body, response_headers=charset_fixed_headers(result), resolve_relative_uris=True
    )
    if not parsed.entries and not parsed.get("version"):
        raise Unparseable(str(parsed.get("bozo_exception", "không phải RSS/Atom")))
    base = result.final_url or result.url
    feed_lang = parsed.feed.get("language", "") if parsed.get("feed") else ""
    candidates = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link and str(entry.get("id", "")).startswith(("http://", "https://")):
            link = entry["id"]
        link = urljoin(base, link) if link else ""
        if not link.startswith(("http://", "https://")):
            link = synthetic_url(base, str(entry.get("id") or entry.get("title") or entry))
        content = ""
        if entry.get("content"):
            content = entry["content"][0].get("value", "")
        summary = entry.get("summary", "") or ""
        candidates.append(
            Candidate(
                url=link,
                title=entry.get("title", "") or "",
                summary=summary,
                html=content or summary,
                # The dates as written, not feedparser's reading of them (`parse_date`: a zone
                # written "GMT+7" or none at all).
                published_at=parse_date(entry.get("published"), zone)
                or parse_date(entry.get("updated"), zone),
                lang_hint=(entry.get("title_detail") or {}).get("language") or feed_lang or "",
                summary_only=is_summary_only(content, link),
            )
        )
    return candidates


def json_feed_entries(
    body: bytes, *, left_out: dict[str, int] | None = None, zone: tzinfo | None = None
) -> list[Candidate]:
    """Every item of a JSON Feed; items that are not objects are counted in `left_out`."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Unparseable(_("JSON Feed không hợp lệ: %(error)s") % {"error": exc}) from exc
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise Unparseable(_("JSON Feed thiếu danh sách items"))
    base = data.get("home_page_url") or data.get("feed_url") or ""
    candidates = []
    for entry in data["items"]:
        if not isinstance(entry, dict):
            left_out_count(left_out, LeftOut.ENTRIES_SKIPPED)
            continue
        link = entry.get("url") or entry.get("external_url") or ""
        if not str(link).startswith(("http://", "https://")):
            link = synthetic_url(base, str(entry.get("id") or entry.get("title")))
        html = entry.get("content_html") or ""
        candidates.append(
            Candidate(
                url=str(link),
                title=str(entry.get("title") or ""),
                summary=str(entry.get("summary") or entry.get("content_text") or ""),
                html=str(html),
                text=str(entry.get("content_text") or ""),
                published_at=parse_date(
                    entry.get("date_published") or entry.get("date_modified"), zone
                ),
                lang_hint=str(entry.get("language") or data.get("language") or ""),
                summary_only=is_summary_only(
                    str(html or entry.get("content_text") or ""), str(link)
                ),
            )
        )
    return candidates
