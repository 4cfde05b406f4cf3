"""Watched pages: the links on a page that look like articles of the same site."""

import re
from urllib.parse import urljoin, urlsplit

import lxml.html

from ..batch import Candidate
from ..fetcher import FetchResult
from .common import Unparseable, decode_html_bytes

_SKIP_EXT = re.compile(r"\.(jpe?g|png|gif|webp|svg|pdf|zip|mp[34]|docx?|xlsx?|css|js)$", re.I)
_SKIP_PATH = re.compile(r"/(tag|tags|category|search|login|dang-nhap|lien-he|contact|rss)(/|$)")


def page_links(result: FetchResult, page_url: str) -> list[Candidate]:
    """Every link on a watched page that looks like an article on the same site."""
    text = decode_html_bytes(result.body, result.content_type)
    if not text.strip():
        return []
    try:
        tree = lxml.html.fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise Unparseable(str(exc)) from exc
    base = result.final_url or page_url
    host = (urlsplit(base).hostname or "").removeprefix("www.")
    seen, candidates = set(), []
    for anchor in tree.iterfind(".//a[@href]"):
        href = urljoin(base, anchor.get("href", "").strip()).split("#", 1)[0]
        parts = urlsplit(href)
        if parts.scheme not in ("http", "https") or href in seen or href.rstrip("/") == base:
            continue
        if (parts.hostname or "").removeprefix("www.") != host:
            continue
        if len(parts.path.strip("/")) < 8 or _SKIP_EXT.search(parts.path):
            continue
        if _SKIP_PATH.search(parts.path):
            continue
        seen.add(href)
        title = " ".join(anchor.text_content().split())
        candidates.append(Candidate(url=href, title=title, needs_fetch=True))
    return candidates
