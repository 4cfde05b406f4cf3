"""Stage 3: fetch the pages of link candidates (sitemaps, watched pages, manual URLs, and feed
items that carry only a summary when their source wants the full text) and extract their text with
trafilatura. Links already stored are dropped before any request is made.

Each page is parsed once, by trafilatura; the metadata (title, date, lang) is read from a small
tree of the page's <html>, <title> and <meta> tags (`_metadata_tree`), the date from the page's
JSON-LD when no <meta> tag states one. Before the parse, the bodies of <script> and <style>
elements, HTML comments and inline <svg> graphics are cut out (`strip_unread`): they are most of a
news page's bytes and trafilatura reads none of them (JSON-LD is kept). Raw bodies (whole,
as received) are compressed on a worker thread while the next page is being extracted (the
compressor releases the GIL) and stored in one bulk insert at the end of the stage.
"""

import json
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from html import unescape
from itertools import islice
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import trafilatura
from django.conf import settings
from django.utils import timezone
from trafilatura.utils import load_html

from ..batch import Batch
from ..constants import FetchOutcome, ItemStatus, LeftOut
from ..fetcher import FetchResult, fetch_url, make_client
from ..formats.common import (
    HTML_TAG,
    LOCAL_TIME,
    ZONE_HOURS,
    decode_html_bytes,
    parse_date,
    source_zone,
)
from ..models import Item, RawResponse
from ..privacy import url_pseudonymise
from ..urlnorm import url_hash
from .raw import raw_compress, raw_headers

log = logging.getLogger(__name__)

KNOWN_CHUNK = 500
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


# The trafilatura options of the product (the benchmark runs bare trafilatura with the same ones):
# - fast: no readability/jusText fallback; on ../shared/data/extraction it keeps the same F1
#   (0.954) and saves a quarter of the time;
# - include_comments=False: readers' comments are not the article, and the office monitors
#   content, not commenters (F1 0.954 → 0.967).
EXTRACT_OPTIONS = {"fast": True, "include_comments": False}


# What `strip_unread` cuts: from an opening <script or <style (a whole tag name) or <!-- to the end
# of its element or comment, as the HTML tokenizer reads them (their content cannot nest); and
# whole <svg> elements, nested ones counted.
_UNREAD_OPEN = re.compile(rb"<(?:script|style|svg)(?=[\s>/])|<!--", re.I)
# A JSON-LD script's opening tag: kept by the cut (trafilatura reads it) and read for the date.
_LD_JSON_OPEN = r"""<script(?=[\s>])[^>]*?type\s*=\s*["']?application/ld\+json[^>]*>"""
_UNREAD_CLOSE = {
    b"<script": re.compile(rb"</script\s*>", re.I),
    b"<style": re.compile(rb"</style\s*>", re.I),
    b"<!--": re.compile(rb"-->"),
}
_LD_JSON_RAW = re.compile(_LD_JSON_OPEN.encode(), re.I)
_SVG_TAG = re.compile(rb"<(/?)svg(?=[\s>/])[^>]*>", re.I)


def _svg_end(body: bytes, start: int) -> int | None:
    """Where the <svg> element opening at `start` ends (after its matching end tag; after the
    tag itself when it closes itself), or None when its end tags do not balance."""
    depth = 0
    for tag in _SVG_TAG.finditer(body, start):
        if tag.group(1):
            depth -= 1
        elif not tag.group().endswith(b"/>"):
            depth += 1
        if depth <= 0:
            return tag.end() if depth == 0 else None
    return None


def strip_unread(body: bytes) -> bytes:
    """`body` without what trafilatura drops unread: script elements (but JSON-LD, which it reads)
    and style elements, comments, and inline <svg> graphics (trafilatura deletes <svg> elements,
    tail kept, before it reads the page and before it measures the page's text).

    On ../shared/data/extraction scripts, styles and comments are 57 % of the bytes and svg
    another 4 % (a tenth of what is left, and many elements: icon sprites): the parse and
    trafilatura's walk over the tree then take less time, and the extracted text is the same on
    every page (`test_extract.py` compares every one with bare trafilatura). Works on the raw
    bytes of any ASCII-compatible charset; in UTF-16 nothing matches and nothing is cut. A script,
    style or comment left open runs to the end of the page, as in a browser: the rest is kept as
    it was; an svg whose end tags do not balance is kept.
    """
    parts, position, search_from, cut_svg = [], 0, 0, True
    while (opening := _UNREAD_OPEN.search(body, search_from)) is not None:
        kind = opening.group().lower()
        if kind == b"<svg":
            end = _svg_end(body, opening.start()) if cut_svg else None
            if end is None:
                # Unbalanced: the rest of the page's svgs are kept, so that a page of thousands
                # of unclosed <svg> is read once, not once per tag.
                search_from, cut_svg = opening.end(), False
                continue
        else:
            closing = _UNREAD_CLOSE[kind].search(body, opening.end())
            if closing is None:
                break
            end = closing.end()
            if kind == b"<script" and _LD_JSON_RAW.match(body, opening.start()):
                search_from = end  # trafilatura reads JSON-LD (a forum's posts, a lost body)
                continue
        parts.append(body[position : opening.start()])
        position = search_from = end
    if not parts:
        return body
    parts.append(body[position:])
    return b"".join(parts)


@dataclass
class PageContent:
    title: str
    text: str
    published_at: datetime | None
    lang: str


# The tags the metadata is read from, found in the page's text (script, style and comments are
# cut before): a quoted attribute value may hold ">".
_META_OPEN = re.compile(r"<meta(?=[\s/>])", re.I)
_HTML_OPEN = re.compile(r"<html(?=[\s/>])", re.I)
_TAG_END = re.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
_TITLE_OPEN = re.compile(r"<title(?=[\s>])[^>]*>", re.I)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.I)


def _tags(opening: re.Pattern, html: str, first: bool = False) -> list[str]:
    """The whole tags that `opening` starts, in page order (only the first with `first`). A tag
    that never ends (no ">" outside quotes before the page's end) ends the search: as in a
    browser, the rest of the page is inside it; and a hostile page of thousands of such tags is
    read once, not once per tag."""
    found, position = [], 0
    while (start := opening.search(html, position)) is not None:
        end = _TAG_END.match(html, start.end())
        if end is None:
            break
        found.append(html[start.start() : end.end()])
        if first:
            break
        position = end.end()
    return found


def _title_element(html: str) -> str:
    """The page's first <title> element, or "" (none, or never closed)."""
    if (opening := _TITLE_OPEN.search(html)) is None:
        return ""
    closing = _TITLE_CLOSE.search(html, opening.end())
    return html[opening.start() : closing.end()] if closing else ""


def _metadata_tree(html: str):
    """A small tree of what the metadata is read from: the page's first <html> tag (its lang),
    its first <title> element and every <meta> tag, in the page's order, parsed by the same
    parser as the page. Each is found in one pass over the page (`test_extract.py` feeds it
    hostile pages).

    trafilatura copies a tree it is handed (its parse of the text, 0.3 ms on a news page), so it
    is handed the text and parses it itself, once; this tree of a few tags costs far less."""
    root = next(iter(_tags(_HTML_OPEN, html, first=True)), "<html>")
    metas = "".join(_tags(_META_OPEN, html))
    return load_html(f"{root}<head>{_title_element(html)}{metas}</head><body></body></html>")


# A page's JSON-LD blocks (schema.org): many news pages state their date only there (on the
# extraction benchmark, 36 of the 55 pages with no date in their <meta> tags).
_LD_JSON_BLOCK = re.compile(_LD_JSON_OPEN, re.I)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.I)
_LD_DATES = ("datePublished", "dateCreated", "uploadDate")
# The same key read from a block that is not valid JSON (single-quoted strings, trailing commas:
# seen on a wire agency's pages).
_LD_DATE_TEXT = re.compile(r'"(?:datePublished|dateCreated|uploadDate)"\s*:\s*"([^"]{1,64})"')


def _ld_nodes(data):
    """Every JSON object in `data`, depth first, in document order."""
    if isinstance(data, dict):
        yield data
        children = data.values()
    elif isinstance(data, list):
        children = data
    else:
        return
    for value in children:
        yield from _ld_nodes(value)


def _ld_json_date(html: str, zone: tzinfo) -> datetime | None:
    """The publication date the page's JSON-LD states: of the first object typed as an article or
    a post (NewsArticle, BlogPosting, ...), else of the first object that has one. From a block
    that is not JSON, or is nested past Python's recursion limit, the first date key's text is
    read instead; nothing raises."""
    first, position = None, 0
    while (opening := _LD_JSON_BLOCK.search(html, position)) is not None:
        closing = _SCRIPT_CLOSE.search(html, opening.end())
        if closing is None:  # runs to the page's end: no block after it
            break
        block, position = html[opening.end() : closing.start()], closing.end()
        try:
            nodes = list(_ld_nodes(json.loads(block, strict=False)))
        except (ValueError, RecursionError):
            if first is None and (stated := _LD_DATE_TEXT.search(block)):
                first = stated.group(1)
            continue
        for node in nodes:
            value = next((node[key] for key in _LD_DATES if isinstance(node.get(key), str)), None)
            if value is None:
                continue
            kinds = node.get("@type")
            kinds = " ".join(map(str, kinds)) if isinstance(kinds, list) else str(kinds or "")
            if "Article" in kinds or "Posting" in kinds:
                return parse_date(value, zone)
            first = first or value
    return parse_date(first, zone) if first else None


# A page that states its date in no <meta> tag and no JSON-LD: its <time> elements, then the date
# its address holds. On the extraction benchmark, of the pages that state a date, the address's
# day is that date's day in the outlet's time zone on 26 of 26, the first <time datetime> falls
# within a day of it on 39 of 44 (four of the five others are later: an update's date).
_TIME_OPEN = re.compile(r"<time(?=[\s/>])", re.I)
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# A path segment or run of segments that is a date: /2019/11/19/, /2019/nov/19/, /2019-11-19/,
# /20191119/ (each followed by another segment, a "-" or ".": never an id's digits alone).
_URL_DATE = re.compile(
    rf"/((?:19|20)\d\d)(?:[/-](\d{{1,2}}|{'|'.join(_MONTH_NAMES)})[/-](\d{{1,2}})|(\d\d)(\d\d))"
    r"(?=[/.-])",
    re.I,
)


def _url_date(url: str, zone: tzinfo) -> datetime | None:
    """The day a page's address states (its path, not its query), at midnight in `zone`."""
    path = urlsplit(url).path
    for match in _URL_DATE.finditer(path):
        year, month, day, compact_month, compact_day = match.groups()
        month, day = (compact_month, compact_day) if compact_month else (month, day)
        number = _MONTH_NAMES.index(month.lower()) + 1 if month.isalpha() else int(month)
        try:
            stated = datetime(int(year), number, int(day), tzinfo=zone)
        except ValueError:
            continue
        if _not_ahead(stated):
            return stated
    return None


def _not_ahead(stated: datetime) -> bool:
    """False for a day still to come (a day's margin for the zones ahead of the office's)."""
    return stated <= timezone.now() + timedelta(days=1)


def _undated_page_date(html: str, url: str, zone: tzinfo) -> datetime | None:
    """The date of a page whose tags state none: a <time> marked as the publication's
    (itemprop="datePublished", the pubdate attribute), else the address's day, else the first
    <time datetime>. The page's <time> tags are parsed alone, as its <meta> tags are."""
    tags = "".join(_tags(_TIME_OPEN, html))
    tree = load_html(f"<html><body>{tags}</body></html>") if tags else None
    stated = [t for t in tree.iter("time") if t.get("datetime")] if tree is not None else []
    marked = next(
        (
            t
            for t in stated
            if (t.get("itemprop") or "").lower() == "datepublished" or t.get("pubdate") is not None
        ),
        None,
    )
    if marked is not None and (published := parse_date(marked.get("datetime"), zone)):
        return published
    return _url_date(url, zone) or next(
        filter(None, (parse_date(t.get("datetime"), zone) for t in stated)), None
    )


# A date as a page writes it for its readers, when its tags state none: "Thứ bảy, 4/5/2019, 10:00
# (GMT+7)", "Ngày đăng: 04/05/2019", "Cập nhật lúc 10h30 ngày 4 tháng 5 năm 2019" (Vietnamese news
# sites and the provincial and ward portals, many of which state their date nowhere else),
# "기사입력 : 2018-08-25 15:24", "2019年11月26日 10時00分", "发布时间：2019-11-26 10:00",
# "November 19, 2019, 9:02 AM EST", "Posted: Fri 6:45 PM, Feb 16, 2018", "publié le 25 novembre
# 2019 à 10h00". Only with a clock time beside it or a label before it: a date alone in the text is
# an event's. Year first or with the month's name, in any language; day first (4/5/2019) only on
# a page in Vietnamese or French: on an American one, 4/5 is April 5.
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12, "janvier": 1, "janv": 1, "février": 2, "févr": 2, "fevrier": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "déc": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"((?:19|20)\d\d)(?!\d)"
_WRITTEN_DAY = re.compile(
    # year, month, day: 2019-11-26, 2019.11.26, 2019/11/26, 2019년 11월 26일, 2019年11月26日
    rf"(?<!\d)((?:19|20)\d\d)\s?[-./년年]\s?(\d{{1,2}})\s?[-./월月]\s?(\d{{1,2}})(?!\d)[일日]?"
    # day, month, year, day first (vi, fr): 4/5/2019, 04.05.2019, 04-05-2019
    rf"|(?<!\d)(\d{{1,2}})[/.-](\d{{1,2}})[/.-]{_YEAR}"
    rf"|ngày\s+(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s+năm\s+{_YEAR}"
    # the month's name: November 19, 2019; Nov. 19 2019; 19 November 2019; 25 nov. 2019; 1er mai
    rf"|\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}"
    rf"|(?<!\d)(\d{{1,2}})(?:er|st|nd|rd|th)?\.?\s+({_MONTH})\.?,?\s+{_YEAR}",
    re.I,
)
_DAY_FIRST_LANGS = ("vi", "fr")
# A page's dateline is among its first dates; a page of thousands of them is read no further.
_WRITTEN_DATES_READ = 500
# A clock time, "10:00", "10h30", "10時00分", "15시 24분", with its half of the day before it
# (오후, 下午, 午後) or after it ("10:00 PM", "p.m.", "CH": chiều, "SA": sáng), and maybe a zone.
_CLOCK = (
    r"(?:(오전|오후|上午|下午|午前|午後)\s?)?(?<!\d)(\d{1,2})\s?[:h時时시]\s?(\d{2})(?!\d)[分분]?"
    r"(?:\s?(AM|PM|a\.m\.|p\.m\.|SA|CH)(?!\w))?"
    r"(?:\s?\(?(?:(?:GMT|UTC)\s?([+-]\d{1,2})(?::?(\d\d))?|\b([A-Z]{3,4})\b)\)?)?"
)
_CLOCK_BEFORE = re.compile(rf"{_CLOCK}\W{{0,6}}(?:ngày\W{{0,3}})?$", re.I)
_CLOCK_AFTER = re.compile(rf"\W{{0,6}}(?:(?:à|at|lúc)\s)?{_CLOCK}", re.I)
_AFTERNOON = ("오후", "下午", "午後", "PM", "P.M.", "CH")
# A page's clock with no zone, from a source of no known country: the zone of its language's
# country (a Korean site's 15:24 is Seoul's); other languages' the office's, as parse_date takes
# any time without a zone.
_LANG_ZONES = {
    "ko": ZoneInfo("Asia/Seoul"),
    "ja": ZoneInfo("Asia/Tokyo"),
    "zh": ZoneInfo("Asia/Shanghai"),
}
# A publication label or the weekday that starts a dateline, within a few words before the date.
# A portal's header shows today's date after a weekday too: a date with a clock time is taken
# first. (Not 등록, "registered": a Korean outlet's footer gives its registration date with it.)
_PUBLISHED_LABEL = re.compile(
    r"(?:đăng|xuất bản|cập nhật|thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật|published|posted|updated"
    r"|publié|mis à jour|입력|수정|게재|配信|公開|更新|掲載|投稿|发布|发表|时间|日期)"
    r"\W?[^\d]{0,16}$",
    re.I,
)
_VIETNAMESE_LETTER = re.compile(r"[ăđơư]", re.I)
_HANGUL_KANA = re.compile(r"[\uac00-\ud7a3\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _page_lang(text: str, lang: str) -> str:
    """The page's language from its lang attribute, else from its letters (enough to choose the
    day-first reading and the zone)."""
    if lang:
        return lang
    if _VIETNAMESE_LETTER.search(text):
        return "vi"
    if _HANGUL_KANA.search(text):
        return "ko"  # Korea and Japan share UTC+9
    return "zh" if _HAN.search(text) else ""


def _clock_zone(clock) -> str:
    """The zone written after a clock time, as an ISO offset ("" when none is written)."""
    hours, minutes, name = clock.group(5, 6, 7) if clock else (None, None, None)
    if hours is not None:
        return f"{int(hours):+03d}:{minutes or '00'}"
    if name is not None and name.upper() in ZONE_HOURS:
        return f"{ZONE_HOURS[name.upper()]:+03d}:00"
    return ""


def _written_date(html: str, lang: str, zone: tzinfo | None) -> datetime | None:
    """The date a page shows its readers: the first one with a clock time beside it, else the
    first after a publication label or a weekday, at midnight. A clock with no zone written is
    read in `zone` (the source's country's), else in its language's country's, else the
    office's."""
    text = " ".join(unescape(HTML_TAG.sub(" ", html)).split())
    lang = _page_lang(text, lang)
    zone = zone or _LANG_ZONES.get(lang)
    labelled = None
    for match in islice(_WRITTEN_DAY.finditer(text), _WRITTEN_DATES_READ):
        fields = match.groups()
        if fields[3] and lang not in _DAY_FIRST_LANGS:
            continue
        if fields[0]:
            year, month, day = fields[0:3]
        elif fields[3] or fields[6]:
            day, month, year = fields[3:6] if fields[3] else fields[6:9]
        elif fields[9]:
            month, day, year = fields[9:12]
        else:
            day, month, year = fields[12:15]
        month = _MONTHS[month.lower()] if month.isalpha() else int(month)
        clock = _CLOCK_BEFORE.search(text, max(0, match.start() - 24), match.start())
        clock = clock or _CLOCK_AFTER.match(text, match.end(), match.end() + 32)
        hour, minute = (int(clock.group(2)), int(clock.group(3))) if clock else (0, 0)
        half = (clock.group(1) or clock.group(4) or "").upper() if clock else ""
        if half and hour <= 12:
            hour = hour % 12 + (12 if half in _AFTERNOON else 0)
        # parse_date refuses an impossible day or hour and a placeholder year, as for any date.
        stated = parse_date(
            f"{int(year)}-{month:02d}-{int(day):02d}T{hour:02d}:{minute:02d}{_clock_zone(clock)}",
            zone,
        )
        if stated is None or not _not_ahead(stated):
            continue
        if clock:
            return stated
        if labelled is None and _PUBLISHED_LABEL.search(
            text, max(0, match.start() - 40), match.start()
        ):
            labelled = stated
    return labelled


def _metas(tree) -> dict[str, str]:
    """Every named <meta> of the page in one pass: lower-case name → first non-empty content."""
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    return found


def _first(metas: dict[str, str], names: tuple[str, ...]) -> str:
    return next((metas[name.lower()] for name in names if name.lower() in metas), "")


def extract_page(
    body: bytes | str, *, url: str = "", declared: str = "", zone: tzinfo | None = None
) -> PageContent:
    """Title, main text, date and lang attribute of an HTML page (one parse of the page,
    trafilatura's; the metadata from a tree of its <html>, <title> and <meta> tags). A date
    that states no zone is read in `zone`, the source's country's (formats.common.source_zone);
    without one, a written clock time in its language's country's, any other in the office's."""
    html = body if isinstance(body, str) else decode_html_bytes(strip_unread(body), declared)
    text = trafilatura.extract(html, url=url or None, **EXTRACT_OPTIONS) or ""
    tree = _metadata_tree(html)
    if tree is None:
        return PageContent("", text, None, "")
    metas = _metas(tree)
    title = _first(metas, ("og:title", "twitter:title"))
    if not title:
        title_el = tree.find(".//title")
        title = title_el.text_content().strip() if title_el is not None else ""
    lang = (tree.get("lang") or "").split("-")[0].lower()
    stated_zone = zone or LOCAL_TIME
    published = (
        parse_date(_first(metas, _DATE_META), stated_zone)
        or _ld_json_date(html, stated_zone)
        or _undated_page_date(html, url, stated_zone)
        or _written_date(html, lang, zone)
    )
    return PageContent(title=title, text=text, published_at=published, lang=lang)


def run(batch: Batch) -> Batch:
    to_fetch = [c for c in batch.candidates if c.needs_fetch]
    if not to_fetch:
        return batch
    for candidate in to_fetch:
        candidate.url_hash = url_hash(candidate.url)
    known = _known_hashes([c.url_hash for c in to_fetch])
    limit = settings.LANTOA_FETCH_NEW_LINKS_MAX
    fetched = 0
    raws: list[tuple] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="raw-compress") as compressor:
        for candidate in to_fetch:
            if candidate.url_hash in known:
                batch.drop(candidate, ItemStatus.DUPLICATE_URL, "đã có")
                continue
            if candidate.page_body is None and fetched >= limit:
                if candidate.full_text_optional:
                    # A feed item is not seen again after a conditional GET: keep its summary.
                    batch.leave(LeftOut.FULL_TEXT_DEFERRED)
                    continue
                # Left for the next poll (which will be a full fetch): no final status yet.
                candidate.status = "deferred"
                batch.leave(LeftOut.LINKS_DEFERRED)
                continue
            fetched += candidate.page_body is None
            known.add(candidate.url_hash)
            result = _fetch(batch, candidate)
            if result is None:
                continue
            compressed = compressor.submit(raw_compress, result.body)
            raws.append((candidate, result, compressed))
            _extract(batch, candidate, result)
        _raws_store(batch, raws)
    batch.candidates = [c for c in batch.candidates if not c.status]
    return batch


def _known_hashes(hashes: list[str]) -> set[str]:
    """The hashes already stored, asked in chunks (a sitemap may list tens of thousands)."""
    known: set[str] = set()
    for start in range(0, len(hashes), KNOWN_CHUNK):
        chunk = hashes[start : start + KNOWN_CHUNK]
        known.update(Item.objects.filter(url_hash__in=chunk).values_list("url_hash", flat=True))
    return known


def _raws_store(batch: Batch, raws: list[tuple]) -> None:
    """Keep every fetched page (also those whose extraction failed) in one insert."""
    rows = [
        RawResponse(
            source=batch.source,
            poll_run=batch.poll_run,
            url=url_pseudonymise(candidate.url)[:2000],
            status_code=result.status,
            headers=raw_headers(result.headers),
            body_compressed=compressed.result(),
            size=len(result.body),
        )
        for candidate, result, compressed in raws
    ]
    RawResponse.objects.bulk_create(rows, batch_size=100)
    for (candidate, _result, _compressed), row in zip(raws, rows, strict=True):
        candidate.raw = row if row.pk is not None else None


def _fetch(batch: Batch, candidate) -> FetchResult | None:
    """The page of `candidate` (given or fetched); None when it was dropped."""
    if candidate.page_body is not None:
        result = FetchResult(
            url=candidate.url,
            outcome=FetchOutcome.OK,
            status=200,
            body=candidate.page_body,
            headers={"content-type": "text/html"},
            final_url=candidate.url,
        )
        candidate.page_body = None
        return result
    if batch.client is None:
        batch.client = make_client()
    result = fetch_url(batch.client, candidate.url)
    if not result.ok and candidate.full_text_optional:
        batch.leave(LeftOut.FULL_TEXT_FAILED)
        return None
    if not result.ok:
        status = ItemStatus.BLOCKED if result.outcome in _BLOCKING else ItemStatus.FETCH_FAILED
        batch.drop(candidate, status, result.error or result.outcome)
        return None
    return result


def _extract(batch: Batch, candidate, result: FetchResult) -> None:
    try:
        page = extract_page(
            result.body,
            url=result.final_url,
            declared=result.content_type,
            zone=source_zone(batch.source),
        )
    except Exception as exc:  # one bad page is quarantined, the batch carries on
        log.exception("extraction failed for %s", candidate.url)
        batch.drop(candidate, ItemStatus.QUARANTINED, f"trích xuất lỗi: {exc!r}")
        return
    if page.title and (not candidate.title or batch.source.kind == "page"):
        candidate.title = page.title
    if candidate.full_text_optional and not page.text:
        batch.leave(LeftOut.FULL_TEXT_FAILED)
        return
    candidate.text = page.text
    # The feed's (or sitemap's) date is preferred; the page's only fills a gap.
    candidate.published_at = candidate.published_at or page.published_at
    candidate.lang_hint = candidate.lang_hint or page.lang
