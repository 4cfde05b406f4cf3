"""API rate limits (django-ninja throttling): per API token, per logged-in user, per address,
and a separate budget of failed authentications per address.

Rates come from settings.LANTOA_API_RATES at each request (not at import), so an operator or a
test changes them without restarting. Counters live in the default cache: set LANTOA_CACHE_URL to
a shared cache (Redis) when several web processes serve the API, or each process counts alone.
"""

from django.conf import settings
from ninja.errors import Throttled
from ninja.throttling import SimpleRateThrottle
from wagtail.models import APIToken

from .events import SecurityEventKind, security_event_record
from .proxy import client_address

DEFAULT_RATES = {"token": "600/min", "anon": "60/min", "auth_failures": "20/min"}


class _SettingsRate(SimpleRateThrottle):
    def __init__(self):
        super().__init__(rate=self._rate())

    def _rate(self) -> str:
        return settings.LANTOA_API_RATES.get(self.scope, DEFAULT_RATES[self.scope])

    def get_ident(self, request):
        # The one address rule of the project (LANTOA_PROXY_COUNT), as for login lock-outs.
        return client_address(request)

    def allow_request(self, request) -> bool:
        self.rate = self._rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class TokenRateThrottle(_SettingsRate):
    """Authenticated calls: one budget per API token (or per user for the admin session)."""

    scope = "token"

    def get_cache_key(self, request):
        auth = getattr(request, "auth", None)
        if auth is None:
            return None
        ident = f"token-{auth.pk}" if isinstance(auth, APIToken) else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(_SettingsRate):
    """Unauthenticated calls (health, refused logins): one budget per client address."""

    scope = "anon"

    def get_cache_key(self, request):
        if getattr(request, "auth", None) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def api_throttles() -> list[SimpleRateThrottle]:
    return [TokenRateThrottle(), AnonymousRateThrottle()]


class AuthFailureRate(_SettingsRate):
    """Failed API authentications per client address (`LANTOA_API_RATES["auth_failures"]`).

    Ninja authenticates before it throttles, so a refused token never reached the other
    throttles: anyone could try tokens without limit. `auth_failure_gate` runs as the first
    authentication callback and answers 429 once an address has used up its budget of failures;
    `auth_failure_count` is called for each 401.
    """

    scope = "auth_failures"

    def _key(self, request) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def exhausted(self, request) -> float | None:
        """Seconds to wait if this address has no failures left, else None."""
        self.rate = self._rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.key = self._key(request)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            return self.wait()
        return None

    def count(self, request) -> bool:
        """Count one failure; True when it used up the budget (the moment to record an event)."""
        self.exhausted(request)
        self.history.insert(0, self.now)
        self.cache.set(self.key, self.history, self.duration)
        return len(self.history) == self.num_requests


def auth_failure_gate(request):
    """First API authentication callback: 429 for an address out of failures, else defer."""
    wait = AuthFailureRate().exhausted(request)
    if wait is not None:
        raise Throttled(wait=wait)
    return None


def auth_failure_count(request) -> None:
    """A request was refused authentication (401): count it against its address."""
    if AuthFailureRate().count(request):
        security_event_record(
            kind=SecurityEventKind.AUTH_FAILED,
            message="Quá nhiều lần xác thực API thất bại từ một địa chỉ; tạm chặn.",
            request=request,
            target=request.path,
        )
