"""Permission refusals become security events (see `events.py`).

Two paths lead to a refusal: a view outside the Wagtail admin raises `PermissionDenied` (Django
answers 403; the middleware sees the exception), and inside the admin Wagtail catches it and
answers with `wagtail.admin.auth.permission_denied` (a redirect with a message), which
`record_wagtail_refusals` wraps once at start-up.
"""

from django.core.exceptions import PermissionDenied

from .events import SecurityEventKind, security_event_record


def _record(request, reason: str = "") -> None:
    security_event_record(
        kind=SecurityEventKind.PERMISSION_REFUSED,
        message=f"{request.method} {request.path}: {reason or 'từ chối quyền truy cập'}"[:1000],
        request=request,
        target=request.path,
    )


class PermissionRefusalMiddleware:
    """Records every `PermissionDenied` a view raises; Django still answers 403 as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            _record(request, str(exception))
        return None


def record_wagtail_refusals() -> None:
    """Wrap Wagtail's admin `permission_denied` so its refusals are recorded too (idempotent)."""
    from wagtail.admin import auth

    original = auth.permission_denied
    if getattr(original, "lantoa_recorded", False):
        return

    def permission_denied(request):
        _record(request)
        return original(request)

    permission_denied.lantoa_recorded = True
    auth.permission_denied = permission_denied
