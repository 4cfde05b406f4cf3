"""Content-Security-Policy and related headers, chosen by the part of the site a response is from.

- Public site and API docs: strict — scripts and styles only from our own origin, no inline code,
  no framing. Public templates must therefore keep scripts and styles in static files.
- Wagtail admin: Wagtail's own templates contain inline `<script>` blocks (date pickers, inline
  panels) and style attributes, so the admin allows inline code but still only from our origin;
  it may frame itself (the live preview panel).
- Uploaded files (documents, media): sandboxed, so an uploaded HTML or SVG file cannot run script
  in our origin.
A view that sets its own Content-Security-Policy keeps it. Override with settings.LANTOA_CSP.
"""

from django.conf import settings

STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
ADMIN = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
UPLOADS = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def policy_for(path: str) -> str:
    policies = {"admin": ADMIN, "public": STRICT, "uploads": UPLOADS}
    policies.update(settings.LANTOA_CSP)
    if path.startswith("/admin/"):
        return policies["admin"]
    if path.startswith((settings.MEDIA_URL, "/documents/")):
        return policies["uploads"]
    return policies["public"]


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy_for(request.path)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
