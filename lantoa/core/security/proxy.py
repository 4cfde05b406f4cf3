"""Which client address and scheme to believe, given `LANTOA_PROXY_COUNT`.

With no proxy (0, the default) the address is the socket's `REMOTE_ADDR` and `X-Forwarded-For`
is ignored: any client can send that header. Behind N trusted reverse proxies, each appends the
address it received from, so the client is the N-th address from the right. Login lock-out
(axes), API rate limits and security events all ask this one function.
"""

import ipaddress

from django.conf import settings


def proxy_count() -> int:
    return max(settings.LANTOA_PROXY_COUNT, 0)


def _valid(address: str) -> str | None:
    address = address.strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The client's address as far as the configured proxies vouch for it (None if unknown)."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    count = proxy_count()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count == 0 or not forwarded:
        return remote
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    return _valid(hops[-min(count, len(hops))]) or remote
