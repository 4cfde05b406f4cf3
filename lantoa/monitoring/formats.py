"""Readers for what sources bring: feeds (RSS/Atom/JSON Feed), news sitemaps, watched pages and
files of public social-media posts. Each returns pipeline candidates.

XML is checked by defusedxml before feedparser or any parser sees it: a document that declares
entities (billion laughs) or references external ones (XXE) is refused as a whole.
"""

import csv
import hashlib
import hmac
import io
import json
import re
from calendar import timegm
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import defusedxml.ElementTree as SafeET
import feedparser
import lxml.html
from defusedxml import DefusedXmlException
from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .batch import Candidate
from .fetcher import FetchResult, gunzip_capped

MAX_LINKS = 200
_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_SKIP_EXT = re.compile(r"\.(jpe?g|png|gif|webp|svg|pdf|zip|mp[34]|docx?|xlsx?|css|js)$", re.I)
_SKIP_PATH = re.compile(r"/(tag|tags|category|search|login|dang-nhap|lien-he|contact|rss)(/|$)")


class Unparseable(Exception):
    """The document is not what the source kind expects."""


class UnsafeXml(Exception):
    """The XML declares or references entities: refused."""


# --- helpers ------------------------------------------------------------------------------------


def _decoded_variants(body: bytes) -> list[bytes]:
    variants = [body]
    if body[:2] in (b"\xff\xfe", b"\xfe\xff") or body[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        encoding = "utf-16-le" if body[:1] in (b"\xff", b"<") else "utf-16-be"
        variants.append(body.decode(encoding, "ignore").encode("utf-8", "ignore"))
    return variants


def xml_check(body: bytes) -> None:
    """Raise UnsafeXml for entity declarations or external references (defusedxml's verdict)."""
    try:
        SafeET.fromstring(body)
    except DefusedXmlException as exc:
        raise UnsafeXml(_("XML bị từ chối: %(error)s") % {"error": type(exc).__name__}) from exc
    except (SafeET.ParseError, ValueError, LookupError):
        # Ill-formed: feedparser's loose parser will try; it must not meet entity declarations.
        pass
    if any(_ENTITY_DECL.search(v) for v in _decoded_variants(body)):
        raise UnsafeXml(_("XML bị từ chối: có khai báo thực thể (ENTITY)"))


def _charset_fixed_headers(result: FetchResult) -> dict[str, str]:
    """Trust valid UTF-8 over a declared charset that contradicts it (a common server mistake)."""
    content_type = result.content_type or "application/xml"
    declared = re.search(r"charset=([\w.:-]+)", content_type, re.I)
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            result.body.decode("utf-8")
        except UnicodeDecodeError:
            return {"content-type": content_type}
        if re.search(rb"[\x80-\xff]", result.body):
            content_type = re.sub(r"charset=[\w.:-]+", "charset=utf-8", content_type, flags=re.I)
    return {"content-type": content_type}


def decode_html_bytes(body: bytes, declared: str = "") -> str:
    """Decode a page: valid UTF-8 wins, then the declared charset, then cp1252."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = re.search(r"charset=([\w.:-]+)", declared or "", re.I)
    if not match:
        meta = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", body[:4096], re.I)
        match = meta
    if match:
        encoding = match.group(1)
        encoding = encoding.decode() if isinstance(encoding, bytes) else encoding
        try:
            return body.decode(encoding, "replace")
        except LookupError:
            pass
    return body.decode("cp1252", "replace")


def _struct_to_dt(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(timegm(value), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def parse_date(value) -> datetime | None:
    """Parse ISO 8601 or RFC 822 dates; naive values are taken as UTC+7 (Asia/Ho_Chi_Minh)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        result = value
    else:
        text = str(value).strip()
        try:
            result = parse_datetime(text.replace(" ", "T", 1) if "T" not in text else text)
        except ValueError:
            result = None
        if result is None:
            parsed = feedparser.datetimes._parse_date(text)  # RFC 822, W3C-DTF and friends
            return _struct_to_dt(parsed)
    if result.tzinfo is None:
        from zoneinfo import ZoneInfo

        result = result.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    return result


def synthetic_url(base: str, key: str) -> str:
    """A stable URL for an entry or post that has none (its hash identifies it)."""
    digest = hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:20]
    return f"urn:lantoa:{digest}" if not base else f"{base}#lantoa-{digest}"


# --- feeds --------------------------------------------------------------------------------------


def feed_entries(result: FetchResult) -> list[Candidate]:
    body = gunzip_capped(result.body)
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") or "json" in result.content_type:
        return json_feed_entries(stripped)
    xml_check(body)
    parsed = feedparser.parse(
        body, response_headers=_charset_fixed_headers(result), resolve_relative_uris=True
    )
    if not parsed.entries and not parsed.get("version"):
        raise Unparseable(str(parsed.get("bozo_exception", "không phải RSS/Atom")))
    base = result.final_url or result.url
    feed_lang = parsed.feed.get("language", "") if parsed.get("feed") else ""
    candidates = []
    for entry in parsed.entries[:MAX_LINKS]:
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
                published_at=_struct_to_dt(
                    entry.get("published_parsed") or entry.get("updated_parsed")
                ),
                lang_hint=(entry.get("title_detail") or {}).get("language") or feed_lang or "",
            )
        )
    return candidates


def json_feed_entries(body: bytes) -> list[Candidate]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Unparseable(_("JSON Feed không hợp lệ: %(error)s") % {"error": exc}) from exc
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise Unparseable(_("JSON Feed thiếu danh sách items"))
    base = data.get("home_page_url") or data.get("feed_url") or ""
    candidates = []
    for entry in data["items"][:MAX_LINKS]:
        if not isinstance(entry, dict):
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
                published_at=parse_date(entry.get("date_published") or entry.get("date_modified")),
                lang_hint=str(entry.get("language") or data.get("language") or ""),
            )
        )
    return candidates


# --- sitemaps and pages -------------------------------------------------------------------------


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
    candidates.sort(key=lambda c: c.published_at or datetime.min.replace(tzinfo=UTC), reverse=True)
    return candidates[:MAX_LINKS]


def sitemap_links(result: FetchResult) -> list[Candidate]:
    """The page links of a urlset sitemap (child sitemaps are followed by the parse stage)."""
    return sitemap_entries(result)[0]


def page_links(result: FetchResult, page_url: str) -> list[Candidate]:
    """Links on a watched page that look like articles on the same site."""
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
    return candidates[:MAX_LINKS]


# --- social-media post files ---------------------------------------------------------------------

MAPPING_FIELDS = ("text", "title", "url", "author", "published", "language")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w])(\+?\d[\d .()-]{7,}\d)(?![\w])")


def pseudonymise(handle: str) -> str:
    """A salted, keyed hash of an author handle: stable per office, not reversible."""
    if not handle:
        return ""
    key = str(settings.LANTOA_PSEUDONYM_SALT).encode()
    digest = hmac.new(key, handle.strip().casefold().encode(), hashlib.sha256).hexdigest()
    return f"tg-{digest[:12]}"


def redact(text: str) -> str:
    """Replace e-mail addresses and phone numbers before anything is stored."""
    text = _EMAIL.sub("[email đã ẩn]", text)

    def phone(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group(1))
        return "[số điện thoại đã ẩn]" if 9 <= len(digits) <= 15 else match.group(0)

    return _PHONE.sub(phone, text)


def rows_read(data: bytes, filename: str) -> list[dict]:
    """Rows of a CSV, JSON (list of objects, or JSON Lines) or XLSX file, keys as strings."""
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            from django.core.exceptions import ValidationError

            from lantoa.core.uploads import open_workbook

            try:  # the zip-bomb guard first: a few KB may declare gigabytes of XML
                workbook = open_workbook(io.BytesIO(data))
            except ValidationError as exc:
                raise Unparseable(" ".join(exc.messages)) from exc
            rows = list(workbook.active.iter_rows(values_only=True))
            if not rows:
                return []
            header = [str(h or "").strip() for h in rows[0]]
            return [
                {h: ("" if v is None else v) for h, v in zip(header, row, strict=False) if h}
                for row in rows[1:]
                if any(v not in (None, "") for v in row)
            ]
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise Unparseable(
                _(
                    "Tệp %(name)s không phải văn bản UTF-8 (byte lạ ở vị trí %(position)s). "
                    "Hãy lưu lại tệp dưới dạng CSV UTF-8 rồi nhập lại; chưa có gì được lưu."
                )
                % {"name": filename, "position": exc.start}
            ) from exc
        if name.endswith((".json", ".jsonl", ".ndjson")):
            stripped = text.strip()
            if stripped.startswith("["):
                rows = json.loads(stripped)
            else:
                rows = [json.loads(line) for line in stripped.splitlines() if line.strip()]
            return [r for r in rows if isinstance(r, dict)]
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else "excel"
        return list(csv.DictReader(io.StringIO(text), dialect=dialect))
    except (ValueError, csv.Error, KeyError, OSError) as exc:
        raise Unparseable(
            _("Không đọc được tệp %(name)s: %(error)s") % {"name": filename, "error": exc}
        ) from exc
    except Exception as exc:  # openpyxl raises assorted errors on a damaged workbook
        if type(exc).__module__.startswith(("openpyxl", "zipfile")):
            raise Unparseable(_("Tệp XLSX hỏng: %(error)s") % {"error": exc}) from exc
        raise


def columns_of(data: bytes, filename: str) -> list[str]:
    rows = rows_read(data, filename)
    columns: list[str] = []
    for row in rows[:50]:
        columns.extend(k for k in row if k not in columns)
    return columns


def mapping_validate(mapping: dict, columns: list[str]) -> dict[str, str]:
    """Check a column mapping {field: column}; `text` is required. ValueError in Vietnamese."""
    clean = {k: v for k, v in mapping.items() if v}
    unknown = set(clean) - set(MAPPING_FIELDS)
    if unknown:
        raise ValueError(_("Trường không hợp lệ: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "text" not in clean:
        raise ValueError(_("Cần chọn cột chứa nội dung bài đăng (text)."))
    missing = [v for v in clean.values() if v not in columns]
    if missing:
        raise ValueError(
            _("Tệp không có cột: %(c)s. Các cột có: %(all)s")
            % {"c": ", ".join(missing), "all": ", ".join(columns)}
        )
    return clean


def social_rows(data: bytes, filename: str, mapping: dict) -> list[Candidate]:
    rows = rows_read(data, filename)
    columns = columns_of(data, filename)
    try:
        mapping = mapping_validate(mapping, columns)
    except ValueError as exc:
        raise Unparseable(str(exc)) from exc
    candidates = []
    for row in rows:

        def value(field: str, row: dict = row) -> str:
            column = mapping.get(field)
            return "" if not column else str(row.get(column, "") or "").strip()

        text = redact(value("text"))
        author = pseudonymise(value("author"))
        url = value("url")
        if not url.startswith(("http://", "https://")):
            url = synthetic_url("", f"{author}|{value('published')}|{text}")
        candidates.append(
            Candidate(
                url=url,
                title=redact(value("title")),
                text=text,
                published_at=parse_date(value("published")),
                lang_hint=value("language"),
                author_pseudonym=author,
            )
        )
    return candidates
