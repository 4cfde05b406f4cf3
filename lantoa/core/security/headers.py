"""Content-Security-Policy and related headers, chosen by the part of the site a response is from.

- Public site and API docs: strict — scripts and styles only from our own origin, no inline code,
  no framing. Public templates must therefore keep scripts and styles in static files.
- Wagtail admin: scripts only from our own origin, no inline script; style attributes stay allowed
  (Wagtail's templates use them), and it may frame itself (the live preview panel). Wagtail 8
  still writes a few inline `<script>` initialisers of its own (chooser widgets, date pickers,
  inline panels): each response gets a fresh nonce, given only to inline scripts whose whole
  text is one of those initialiser calls with JSON arguments (`wagtail_initialiser`). Any other
  inline script, an injected one included, is refused. See docs/operations-security.md.
- Uploaded files (documents, media): sandboxed, so an uploaded HTML or SVG file cannot run script
  in our origin.
A view that sets its own Content-Security-Policy keeps it. Override with settings.LANTOA_CSP.
"""

import json
import re
import secrets

from django.conf import settings

STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
ADMIN = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
UPLOADS = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


# The inline scripts Wagtail 8 writes itself, each a call of one of its global initialisers with
# JSON (or escapejs-escaped JSON) arguments; `wagtail_initialiser` also parses the arguments.
_JS_STRING = r'"(?:[^"\\\n]|\\u[0-9a-fA-F]{4})*"'
_WAGTAIL_INITIALISERS = [
    # BaseChooser.render: new ImageChooser("id_cover", {"modalUrl": ...});
    re.compile(rf"new [A-Z][A-Za-z]*Chooser\((?P<id>{_JS_STRING}), (?P<options>\{{.*\}})\);"),
    # wagtailadmin/widgets/date_input.html, time_input.html, datetime_input.html
    re.compile(
        rf"init(?:Date|Time|DateTime)Chooser\((?P<id>{_JS_STRING}), (?P<options>\{{.*\}})\);"
    ),
    # wagtailadmin/panels/inline_panel.html, multiple_chooser_panel.html
    re.compile(
        r"\(function\(\) \{\s*var panel = new (?:InlinePanel|MultipleChooserPanel)"
        rf"\(JSON\.parse\((?P<escaped>{_JS_STRING})\)\);\s*\}}\)\(\);"
    ),
]
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _json(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None


def wagtail_initialiser(script: str) -> bool:
    """True when an inline script is exactly one of Wagtail's own initialiser calls."""
    text = script.strip()
    for pattern in _WAGTAIL_INITIALISERS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        if "escaped" in match.groupdict():
            escaped = _json(match["escaped"])
            return isinstance(escaped, str) and isinstance(_json(escaped), dict)
        return isinstance(_json(match["id"]), str) and isinstance(_json(match["options"]), dict)
    return False


def nonce_wagtail_initialisers(html: str, nonce: str) -> tuple[str, int]:
    """The page with `nonce` on each of Wagtail's inline initialisers, and how many it found."""
    found = 0

    def add_nonce(match: re.Match) -> str:
        nonlocal found
        if not wagtail_initialiser(match[1]):
            return match[0]
        found += 1
        return f'<script nonce="{nonce}">{match[1]}</script>'

    return _INLINE_SCRIPT.sub(add_nonce, html), found


def policy_for(path: str) -> str:
    policies = {"admin": ADMIN, "public": STRICT, "uploads": UPLOADS}
    policies.update(settings.LANTOA_CSP)
    if path.startswith("/admin/"):
        return policies["admin"]
    if path.startswith((settings.MEDIA_URL, "/documents/")):
        return policies["uploads"]
    return policies["public"]


def _allow_wagtail_initialisers(response, policy: str) -> str:
    """Give this admin page's Wagtail initialisers a fresh nonce and the policy that admits it."""
    if (
        response.streaming
        or not response.get("Content-Type", "").startswith("text/html")
        or "script-src 'self'" not in policy
    ):
        return policy
    nonce = secrets.token_urlsafe(18)
    html, found = nonce_wagtail_initialisers(response.content.decode(response.charset), nonce)
    if not found:
        return policy
    response.content = html.encode(response.charset)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return policy.replace("script-src 'self'", f"script-src 'self' 'nonce-{nonce}'", 1)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = policy_for(request.path)
            if request.path.startswith("/admin/"):
                policy = _allow_wagtail_initialisers(response, policy)
            response["Content-Security-Policy"] = policy
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
