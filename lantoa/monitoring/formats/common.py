"""What every reader shares: the two refusals, the XML guard, charset handling, dates, synthetic
URLs.

XML is checked by defusedxml before feedparser or any parser sees it: a document that declares
entities (billion laughs) or references external ones (XXE) is refused as a whole.
"""

import hashlib
import re
from calendar import timegm
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import defusedxml.ElementTree as SafeET
import feedparser
from defusedxml import DefusedXmlException
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ..fetcher import FetchResult

_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


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
            if not _iso_fields_valid(text):
                return None  # feedparser would roll "2019-13-45" over to 2020-01-01
            parsed = feedparser.datetimes._parse_date(text)  # RFC 822, W3C-DTF and friends
            return struct_to_dt(parsed)
    if result.tzinfo is None:
        result = result.replace(tzinfo=LOCAL_TIME)
    return result


def left_out_count(left_out: dict[str, int] | None, kind: str, count: int = 1) -> None:
    """Count input a reader skipped (a LeftOut value) in the caller's tally, if it keeps one."""
    if left_out is not None and count:
        left_out[kind] = left_out.get(kind, 0) + count


def synthetic_url(base: str, key: str) -> str:
    """A stable URL for an entry or post that has none (its hash identifies it)."""
    digest = hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:20]
    return f"urn:lantoa:{digest}" if not base else f"{base}#lantoa-{digest}"
