"""URL normalisation for the first dedup tier: one article, one hash.

Tracking parameters (utm_*, fbclid, gclid, …) go, the host loses `www.`/`m.`/`mobile.`/`amp.`,
AMP paths (`/amp/`, `.amp`, `?amp=1`, `/amp` suffix) fold into the canonical page, the fragment
goes, the query is sorted.
"""

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(
    r"^(utm_.*|fbclid|gclid|dclid|msclkid|igshid|mc_cid|mc_eid|_ga|yclid|ref_src|zarsrc|zlsid"
    r"|cmpid|ocid|outputType|amp|amp_js_v|usqp|__twitter_impression)$",
    re.IGNORECASE,
)
_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")
_AMP_DIRECTORY = re.compile(r"/amp/")
_AMP_END = re.compile(r"(/amp|\.amp)$")
_AMP_HTML = re.compile(r"\.amp(\.html?)$")
_SLASHES = re.compile(r"/{2,}")


def url_normalise(url: str) -> str:
    """The canonical form of `url` used for dedup (not necessarily fetchable as is)."""
    parts = urlsplit(url.strip())
    scheme = "https" if parts.scheme in ("http", "https") else parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = parts.path or "/"
    if "amp" in path:
        path = _AMP_DIRECTORY.sub("/", path)
        path = _AMP_END.sub("", path)
        path = _AMP_HTML.sub(r"\1", path)
    path = _SLASHES.sub("/", path)
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True))
    query = [(k, v) for k, v in query if not _TRACKING.match(k)]
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def url_hash(url: str) -> str:
    return hashlib.sha256(url_normalise(url).encode()).hexdigest()
