"""API rate limits (django-ninja throttling): per API token, per logged-in user, per address.

Rates come from settings.LANTOA_API_RATES at each request (not at import), so an operator or a
test changes them without restarting. Counters live in the default cache: set LANTOA_CACHE_URL to
a shared cache (Redis) when several web processes serve the API, or each process counts alone.
"""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle
from wagtail.models import APIToken


class _SettingsRate(SimpleRateThrottle):
    def __init__(self):
        super().__init__(rate=self._rate())

    def _rate(self) -> str:
        return settings.LANTOA_API_RATES[self.scope]

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
