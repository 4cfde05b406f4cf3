"""What every reader shares: the two refusals, the XML guard, charset handling, dates, synthetic
URLs.

XML is checked by defusedxml before feedparser or any parser sees it: a document that declares
entities (billion laughs) or references external ones (XXE) is refused as a whole.
"""

import hashlib
import re
from calendar import timegm
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

import defusedxml.ElementTree as SafeET
import feedparser
from defusedxml import DefusedXmlException
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from lantoa.core.constants import country_zone

from ..fetcher import FetchResult

_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
# An HTML tag, to drop from a text. Not `<[^>]*>`: on a text of many "<" and no ">", that pattern
# scans to the end from each one (40,000 of them took 1.2 s); this one stops at the next "<".
HTML_TAG = re.compile(r"<[^<>]*>")


class Unparseable(Exception):
    """The document is not what the source kind expects."""


class UnsafeXml(Exception):
    """The XML declares or references entities: refused."""


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


def charset_fixed_headers(result: FetchResult) -> dict[str, str]:
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


def struct_to_dt(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(timegm(value), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


# The fields of an ISO 8601 / W3C-DTF date at the start of a text: year, month, day, hour,
# minute, second (the later ones optional).
_ISO_FIELDS = re.compile(
    r"(\d{4})-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?)?"
)


def _iso_fields_valid(text: str) -> bool:
    """False when `text` starts as an ISO date whose fields are out of range ("2019-13-45",
    "2019-02-30", "T25:00"); True for any other text."""
    match = _ISO_FIELDS.match(text)
    if match is None:
        return True
    year, month, day, hour, minute, second = (int(v) if v else 0 for v in match.groups())
    try:
        datetime(year, month, day or 1, hour, minute, min(second, 59))  # a leap second is kept
    except ValueError:
        return False
    return True


# A zone written as an offset from GMT or UTC at the end of a date, maybe in brackets: "GMT+7",
# "(GMT+07:00)", "UTC-5" (Vietnamese sites write "GMT+7", which feedparser cannot read).
_GMT_OFFSET = re.compile(r"\s*\(?\s*(?:GMT|UTC|UT)\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*\)?$", re.I)
# Hours from UTC of the zone names dates are written with: RFC 822's, and those feedparser does
# not know and would read as UTC, of the countries whose press the office reads most (Indochina,
# Japan, Korea, Hong Kong, Singapore, central Europe). CST is the United States' central time, as
# RFC 822 has it; IST (India, Ireland, Israel) is not read.
ZONE_HOURS = {
    "GMT": 0, "UTC": 0, "UT": 0, "BST": 1, "CET": 1, "CEST": 2, "EST": -5, "EDT": -4,
    "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "ICT": 7, "HKT": 8,
    "SGT": 8, "JST": 9, "KST": 9,
}  # fmt: skip
_ZONE_NAME = re.compile(rf"\s*\(?\b({'|'.join(ZONE_HOURS)})\)?$", re.I)
# A text that ends with a zone: an offset after a time ("10:00:00+07:00", "10:00 -0500", "10:00Z")
# or a name (RFC 822's "GMT", "EST", military letters). A date that ends in a digit has none.
_ENDS_WITH_ZONE = re.compile(r"(?:[\d\s](?:Z|[+-]\d{2}:?\d{2})|[A-Za-z])$")


def _zone_written(text: str) -> tuple[str, bool]:
    """`text` with its zone written as feedparser reads it ("GMT+7" and "ICT" → "+0700", "EST" →
    "-0500"), and whether it has one."""
    if offset := _GMT_OFFSET.search(text):
        sign, hours, minutes = offset.groups()
        text = f"{text[: offset.start()]} {sign}{int(hours):02d}{minutes or '00'}"
    elif name := _ZONE_NAME.search(text):
        text = f"{text[: name.start()]} {ZONE_HOURS[name.group(1).upper()]:+03d}00"
    return text, _ENDS_WITH_ZONE.search(text) is not None


# Nothing on the web was published before it: an earlier date is a placeholder ("0001-01-01",
# Go's zero time, in a wire service's JSON-LD; the Unix epoch), not a date.
EARLIEST_YEAR = 1991


def parse_date(value, zone: tzinfo | None = None) -> datetime | None:
    """Parse ISO 8601 or RFC 822 dates; values that state no zone are taken in `zone` (the
    source's country's, see `source_zone`), by default the office's, UTC+7 (Asia/Ho_Chi_Minh),
    in every format ("2019-05-04", "2019-5-4", "Sat, 04 May 2019 10:00:00"). A placeholder date
    before EARLIEST_YEAR is no date."""
    result = _parsed(value, zone or LOCAL_TIME)
    return result if result is None or result.year >= EARLIEST_YEAR else None


def source_zone(source) -> tzinfo | None:
    """The zone a foreign source's clock times are in when it writes none: its country's (a
    Korean outlet's English page at 15:24 is Seoul's 15:24, not the office's). None for a source
    of Việt Nam, the default country, which an office may leave on a foreign outlet: its page's
    language then decides (extract_page), else the office's zone."""
    return country_zone(source.country) if source.country.upper() != "VN" else None


def _parsed(value, zone: tzinfo) -> datetime | None:
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
            if not _iso_fields_valid(text):
                return None  # feedparser would roll "2019-13-45" over to 2020-01-01
            text, zoned = _zone_written(text)
            # RFC 822, W3C-DTF and friends. feedparser reads a date with no zone as UTC (a
            # W3C one) or not at all (an RFC 822 one): its clock time is the office's.
            parsed = feedparser.datetimes._parse_date(text)
            if zoned:
                return struct_to_dt(parsed)
            parsed = parsed or feedparser.datetimes._parse_date(f"{text} GMT")
            return datetime(*parsed[:6], tzinfo=zone) if parsed else None
    if result.tzinfo is None:
        result = result.replace(tzinfo=zone)
    return result


def left_out_count(left_out: dict[str, int] | None, kind: str, count: int = 1) -> None:
    """Count input a reader skipped (a LeftOut value) in the caller's tally, if it keeps one."""
    if left_out is not None and count:
        left_out[kind] = left_out.get(kind, 0) + count


def synthetic_url(base: str, key: str) -> str:
    """A stable URL for an entry or post that has none (its hash identifies it)."""
    digest = hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:20]
    return f"urn:lantoa:{digest}" if not base else f"{base}#lantoa-{digest}"
