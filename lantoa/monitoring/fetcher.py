"""Polite, defensive HTTP fetching (httpx).

Every request goes through `fetch_url`: the address guard (no private, loopback, link-local or
metadata addresses unless settings.LANTOA_FETCH_ALLOW_PRIVATE), at most 5 redirects each checked
again, robots.txt, ≥5 s between requests to one host across workers (HostSlot rows), connect/read
timeouts plus a total deadline (a slow drip cannot hold a worker), a 10 MB cap on the body both as
sent and once decompressed (our own gzip/deflate decoding with a size limit: a gzip bomb stops at
the cap). Failures come back as a `FetchResult` with a `FetchOutcome`, never as an exception.

Every other outbound request of the product goes through here too: `post_json` delivers a JSON
body (alert webhooks, Telegram, Zalo) under the same address guard, redirect re-check and limits;
`address_refusal` tells a form or schema whether a URL would be refused, before it is saved.
"""

import ipaddress
import logging
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .constants import FetchErrorKind, FetchOutcome
from .models import HostSlot

log = logging.getLogger(__name__)

USER_AGENT = "LantoaBot/1.0 (+https://lantoa.local/bot; theo doi thong tin doi ngoai)"
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
METADATA_ADDRESSES = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("100.100.100.200"),
    ipaddress.ip_address("fd00:ec2::254"),
}
_ROBOTS_TTL = 3600.0
_robots_cache: dict[str, tuple[float, RobotFileParser | None]] = {}


def host_interval() -> float:
    return float(settings.LANTOA_FETCH_HOST_INTERVAL)


def total_timeout() -> float:
    return float(settings.LANTOA_FETCH_TOTAL_TIMEOUT)


@dataclass
class FetchResult:
    """What one fetch brought: the outcome, and on success the decoded body."""

    url: str
    outcome: str
    status: int | None = None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    final_url: str = ""
    # On failure: why, as a FetchErrorKind, and `error` says it in plain Vietnamese; `detail`
    # keeps the technical text (exception, errno) for an administrator reading the poll run.
    error: str = ""
    kind: str = ""
    detail: str = ""
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == FetchOutcome.OK

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class FetchError(Exception):
    def __init__(
        self, outcome: str, message: str, status: int | None = None, *, kind: str = "",
        detail: str = "",
    ):  # fmt: skip
        super().__init__(message)
        self.outcome = outcome
        self.status = status
        self.kind = kind or OUTCOME_KINDS.get(outcome, FetchErrorKind.INTERNAL)
        self.detail = detail


# The kind of a failure that only one outcome can have.
OUTCOME_KINDS = {
    FetchOutcome.TIMEOUT: FetchErrorKind.TIMEOUT,
    FetchOutcome.NETWORK_ERROR: FetchErrorKind.NETWORK,
    FetchOutcome.TOO_LARGE: FetchErrorKind.TOO_LARGE,
    FetchOutcome.TOO_MANY_REDIRECTS: FetchErrorKind.REDIRECTS,
    FetchOutcome.BLOCKED_ADDRESS: FetchErrorKind.BLOCKED,
    FetchOutcome.ROBOTS: FetchErrorKind.ROBOTS,
    FetchOutcome.UNSAFE_XML: FetchErrorKind.UNSAFE_XML,
    FetchOutcome.PARSE_ERROR: FetchErrorKind.UNREADABLE,
    FetchOutcome.HTTP_ERROR: FetchErrorKind.HTTP_OTHER,
    FetchOutcome.RATE_LIMITED: FetchErrorKind.RATE_LIMITED,
}
HTTP_MESSAGES = {
    FetchErrorKind.HTTP_NOT_FOUND: "Không tìm thấy trang (HTTP {status}): địa chỉ có thể đã đổi",
    FetchErrorKind.HTTP_FORBIDDEN: "Trang từ chối cho truy cập (HTTP {status})",
    FetchErrorKind.HTTP_SERVER: "Máy chủ của trang đang gặp lỗi (HTTP {status})",
    FetchErrorKind.RATE_LIMITED: "Máy chủ yêu cầu chờ rồi thử lại (HTTP {status})",
    FetchErrorKind.HTTP_OTHER: "Trang trả về lỗi (HTTP {status})",
}


def status_kind(status: int) -> str:
    """The FetchErrorKind of an HTTP error status."""
    if status in (429, 503):
        return FetchErrorKind.RATE_LIMITED
    if status in (404, 410):
        return FetchErrorKind.HTTP_NOT_FOUND
    if status in (401, 403, 451):
        return FetchErrorKind.HTTP_FORBIDDEN
    if status >= 500:
        return FetchErrorKind.HTTP_SERVER
    return FetchErrorKind.HTTP_OTHER


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def network_kind(exc: BaseException) -> str:
    """The FetchErrorKind of a network exception: the name does not exist, the lookup failed,
    the server refused, TLS, or another network failure (walks the exception's causes; httpx
    wraps the socket error twice)."""
    for cause in _chain(exc):
        if isinstance(cause, socket.gaierror):
            missing = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
            if cause.errno in missing:
                return FetchErrorKind.DNS_NOT_FOUND
            return FetchErrorKind.DNS_FAILED
        if isinstance(cause, ssl.SSLError | ssl.CertificateError):
            return FetchErrorKind.TLS
        if isinstance(cause, ConnectionRefusedError):
            return FetchErrorKind.REFUSED
    text = " ".join(str(cause) for cause in _chain(exc)).lower()
    if "certificate" in text or "ssl" in text or "tls" in text:
        return FetchErrorKind.TLS
    if "name or service not known" in text or "errno -2]" in text or "errno -5]" in text:
        return FetchErrorKind.DNS_NOT_FOUND
    if "name resolution" in text or "errno -3]" in text:
        return FetchErrorKind.DNS_FAILED
    if "connection refused" in text or "errno 111]" in text:
        return FetchErrorKind.REFUSED
    return FetchErrorKind.NETWORK


def plain_error(kind: str, url: str, status: int | None = None) -> str:
    """The failure in the words of the source list: the kind's sentence, with the HTTP status or
    the host it concerns."""
    if kind in HTTP_MESSAGES and status is not None:
        return HTTP_MESSAGES[kind].format(status=status)
    label = str(FetchErrorKind(kind).label) if kind in FetchErrorKind.values else kind
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    return f"{label} ({host})" if host else label


# --- address guard ------------------------------------------------------------------------------


def address_allowed(address: str) -> bool:
    """False for private, loopback, link-local, metadata and other non-public addresses."""
    if settings.LANTOA_FETCH_ALLOW_PRIVATE:
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip in METADATA_ADDRESSES
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _check_host(url: str) -> None:
    invalid = FetchError(FetchOutcome.BLOCKED_ADDRESS, f"Địa chỉ không hợp lệ: {url}")
    try:
        parts = urlsplit(url)
        hostname, port = parts.hostname, parts.port
    except ValueError:  # "http://[::1", a port out of range
        raise invalid from None
    if parts.scheme not in ("http", "https") or not hostname:
        raise invalid
    try:
        infos = socket.getaddrinfo(hostname, port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        kind = network_kind(exc)
        raise FetchError(
            FetchOutcome.NETWORK_ERROR, plain_error(kind, url), kind=kind, detail=repr(exc)
        ) from exc
    except (UnicodeError, ValueError):  # a label over 63 characters, an embedded NUL
        raise invalid from None
    for info in infos:
        if not address_allowed(info[4][0]):
            raise FetchError(FetchOutcome.BLOCKED_ADDRESS, _blocked(parts.hostname, info[4][0]))


def _blocked(host: str, address: str) -> str:
    shown = host if host == address else f"{host} ({address})"
    return f"Địa chỉ đích nằm trong mạng nội bộ: {shown} bị từ chối"


def address_refusal(url: str) -> str:
    """Why the guard refuses `url` (scheme, or a private/loopback/link-local address), or "".

    For checking a URL when it is saved. A name that does not resolve now is not refused (the
    office may be offline): every request checks the address again when it is made."""
    try:
        _check_host(url)
    except FetchError as exc:
        return str(exc) if exc.outcome == FetchOutcome.BLOCKED_ADDRESS else ""
    return ""


def _check_peer(response: httpx.Response) -> None:
    """Check the address actually connected to (defeats DNS answers that change in between)."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer and not address_allowed(peer[0]):
        raise FetchError(FetchOutcome.BLOCKED_ADDRESS, _blocked(peer[0], peer[0]))


# --- host spacing -------------------------------------------------------------------------------


def host_wait(host: str) -> None:
    """Block until this worker may send the next request to `host` (≥ host_interval apart)."""
    interval = host_interval()
    if interval <= 0:
        return
    while True:
        now = timezone.now()
        claimed = HostSlot.objects.filter(host=host, next_at__lte=now).update(
            next_at=now + timedelta(seconds=interval)
        )
        if claimed:
            return
        slot = HostSlot.objects.filter(host=host).first()
        if slot is None:
            try:
                with transaction.atomic():
                    HostSlot.objects.create(host=host, next_at=now + timedelta(seconds=interval))
                return
            except IntegrityError:
                continue
        time.sleep(min(interval, max(0.05, (slot.next_at - now).total_seconds())))


# --- body reading -------------------------------------------------------------------------------


def _read_body(response: httpx.Response, deadline: float) -> bytes:
    """Read and decode the body with strict size and time limits."""
    encoding = response.headers.get("content-encoding", "").lower().strip()
    decoder = None
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding not in ("", "identity"):
        raise FetchError(FetchOutcome.PARSE_ERROR, f"Kiểu nén không hỗ trợ: {encoding}")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BYTES:
        raise FetchError(FetchOutcome.TOO_LARGE, f"Content-Length {declared} vượt 10 MB")
    raw_size = 0
    out = bytearray()
    for chunk in response.iter_raw():
        if time.monotonic() > deadline:
            raise FetchError(FetchOutcome.TIMEOUT, "Tải quá lâu (vượt thời hạn tổng)")
        raw_size += len(chunk)
        if raw_size > MAX_BYTES:
            raise FetchError(FetchOutcome.TOO_LARGE, "Dữ liệu vượt 10 MB")
        if decoder is None:
            out += chunk
        else:
            try:
                out += decoder.decompress(chunk, MAX_BYTES + 1 - len(out))
            except zlib.error as exc:
                raise FetchError(FetchOutcome.PARSE_ERROR, f"Dữ liệu nén hỏng: {exc}") from exc
            if decoder.unconsumed_tail:
                raise FetchError(FetchOutcome.TOO_LARGE, "Dữ liệu giải nén vượt 10 MB (bom nén)")
        if len(out) > MAX_BYTES:
            raise FetchError(FetchOutcome.TOO_LARGE, "Dữ liệu vượt 10 MB")
    return gunzip_capped(bytes(out))


def gunzip_capped(body: bytes) -> bytes:
    """Decompress a gzip file body (e.g. sitemap.xml.gz) with the same 10 MB cap."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decoder.decompress(body, MAX_BYTES + 1)
    except zlib.error:
        return body
    if decoder.unconsumed_tail or len(out) > MAX_BYTES:
        raise FetchError(FetchOutcome.TOO_LARGE, "Dữ liệu giải nén vượt 10 MB (bom nén)")
    return out


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - timezone.now()).total_seconds())


# --- robots.txt ---------------------------------------------------------------------------------


def robots_allowed(client: httpx.Client, url: str) -> bool:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    cached = _robots_cache.get(origin)
    if cached is None or time.monotonic() - cached[0] > _ROBOTS_TTL:
        parser = RobotFileParser()
        result = _request(client, "GET", f"{origin}/robots.txt", {}, check_robots=False)
        if result.ok:
            parser.parse(result.body.decode("utf-8", "replace").splitlines())
        elif result.status in (401, 403):
            parser.disallow_all = True
        elif result.status is not None and result.status < 500:
            parser.allow_all = True
        else:
            # robots.txt unreachable (5xx, timeout): treat as a temporary full disallow.
            if result.status is None and result.kind:
                # The site itself is unreachable: say that, not "robots.txt forbids".
                raise FetchError(result.outcome, result.error, kind=result.kind,
                                 detail=result.detail)  # fmt: skip
            parser.disallow_all = True
            _robots_cache.pop(origin, None)
            return False
        _robots_cache[origin] = (time.monotonic(), parser)
        cached = _robots_cache[origin]
    parser = cached[1]
    return parser.can_fetch(USER_AGENT, url)


def robots_cache_clear() -> None:
    _robots_cache.clear()


# --- the request --------------------------------------------------------------------------------


def make_client() -> httpx.Client:
    timeout = httpx.Timeout(
        connect=float(settings.LANTOA_FETCH_CONNECT_TIMEOUT),
        read=float(settings.LANTOA_FETCH_READ_TIMEOUT),
        write=10.0,
        pool=5.0,
    )
    return httpx.Client(
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        trust_env=False,
    )


def fetch_url(
    client: httpx.Client, url: str, *, headers: dict[str, str] | None = None
) -> FetchResult:
    """GET `url` under every guard; never raises for network or server trouble."""
    return _request(client, "GET", url, headers or {}, check_robots=True)


def post_json(
    client: httpx.Client, url: str, *, body: bytes, headers: dict[str, str] | None = None
) -> FetchResult:
    """POST a JSON `body` (an alert delivery) under the same guards as a GET: the address is
    checked before every hop and against the peer actually connected to, each redirect is checked
    again (307/308 repeat the POST, 301/302/303 become a GET without the body, as browsers do),
    and the answer is read under the size and time limits. Neither robots.txt nor the host
    spacing apply: the office configured this delivery, it is not crawling. Never raises for
    network or server trouble; `error` never carries the answer's body."""
    headers = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
    return _request(client, "POST", url, headers, body=body, check_robots=False, polite=False)


def _request(
    client: httpx.Client,
    method: str,
    url: str,
    headers: dict[str, str],
    *,
    check_robots: bool,
    body: bytes | None = None,
    polite: bool = True,
):
    deadline = time.monotonic() + total_timeout()
    current = url
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            _check_host(current)
            if check_robots and not robots_allowed(client, current):
                raise FetchError(FetchOutcome.ROBOTS, f"robots.txt cấm {current}")
            if polite:
                host_wait(urlsplit(current).netloc.lower())
            with client.stream(method, current, headers=headers, content=body) as response:
                _check_peer(response)
                if response.status_code in (301, 302, 303, 307, 308):
                    location = response.headers.get("location", "")
                    if not location:
                        raise FetchError(FetchOutcome.HTTP_ERROR, "Chuyển hướng thiếu Location")
                    current = urljoin(current, location)
                    if method == "POST" and response.status_code in (301, 302, 303):
                        method, body = "GET", None
                        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
                    continue
                result = FetchResult(
                    url=url,
                    outcome=FetchOutcome.OK,
                    status=response.status_code,
                    headers={k.lower(): v for k, v in response.headers.items()},
                    final_url=str(response.url),
                )
                if response.status_code == 304:
                    result.outcome = FetchOutcome.NOT_MODIFIED
                    return result
                if response.status_code >= 400:
                    result.outcome = FetchOutcome.HTTP_ERROR
                    result.kind = status_kind(response.status_code)
                    if result.kind == FetchErrorKind.RATE_LIMITED:
                        result.outcome = FetchOutcome.RATE_LIMITED
                        retry_after = response.headers.get("retry-after")
                        result.retry_after = parse_retry_after(retry_after)
                    result.error = plain_error(result.kind, current, response.status_code)
                    result.detail = f"HTTP {response.status_code}"
                    return result
                result.body = _read_body(response, deadline)
                return result
        raise FetchError(FetchOutcome.TOO_MANY_REDIRECTS, f"Quá {MAX_REDIRECTS} lần chuyển hướng")
    except FetchError as exc:
        return FetchResult(
            url=url, outcome=exc.outcome, status=exc.status, error=str(exc), kind=exc.kind,
            detail=exc.detail or str(exc),
        )  # fmt: skip
    except httpx.TimeoutException as exc:
        kind = FetchErrorKind.TIMEOUT
        return FetchResult(
            url=url, outcome=FetchOutcome.TIMEOUT, error=plain_error(kind, current), kind=kind,
            detail=repr(exc),
        )  # fmt: skip
    except (httpx.TransportError, httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        kind = network_kind(exc)
        return FetchResult(
            url=url, outcome=FetchOutcome.NETWORK_ERROR, error=plain_error(kind, current),
            kind=kind, detail=repr(exc),
        )  # fmt: skip
