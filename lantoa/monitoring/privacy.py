"""Content, never people: what identifies a person in a social post is replaced before anything is
stored.

- `pseudonymise`: a salted, keyed hash of a handle (`tg-3f9a1c0b2d4e`), stable per office, not
  reversible.
- `url_pseudonymise`: the account handle, numeric profile id, phone number or channel in a post's
  URL (path and query) replaced by its pseudonym, on the social networks the office follows;
  post ids and video ids stay (they identify content).
- `text_pseudonymise`: @mentions and social links inside a text, the same way.
- `redact`: phone numbers and e-mail addresses.
- `seal` / `unseal`: the original URL, encrypted with a key derived from the pseudonym salt, so
  the office can still open a post through a permission-checked, audited redirect
  (`monitoring_tools:original`) while the database, exports, index and API only hold the
  pseudonymised one.
"""

import base64
import hashlib
import hmac
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w])(\+?\d[\d .()-]{7,}\d)(?![\w])")
# An @mention: not part of an e-mail address or a word; a trailing dot ends the sentence.
_MENTION = re.compile(r"(?<![\w.@/])@([A-Za-z0-9_][A-Za-z0-9_.-]{0,49})")
_LINK = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
PSEUDONYM = re.compile(r"^@?tg-[0-9a-f]{12}$")

FACEBOOK = ("facebook.com", "fb.com")
TIKTOK = ("tiktok.com",)
YOUTUBE = ("youtube.com",)
TWITTER = ("x.com", "twitter.com")
ZALO = ("zalo.me",)
TELEGRAM = ("t.me", "telegram.me", "telegram.dog")
INSTAGRAM = ("instagram.com", "threads.net")
SOCIAL_HOSTS = (*FACEBOOK, *TIKTOK, *YOUTUBE, *TWITTER, *ZALO, *TELEGRAM, *INSTAGRAM)

# First path segments that are a site's own pages, not an account.
_FACEBOOK_PAGES = {
    "watch", "groups", "events", "pages", "photo.php", "photo", "photos", "reel", "reels",
    "share", "story.php", "permalink.php", "profile.php", "hashtag", "login", "login.php",
    "people",
    "plugins", "sharer", "sharer.php", "video.php", "videos", "marketplace", "gaming", "help",
    "policies", "privacy", "settings", "search", "notes", "media", "l.php", "dialog",
}  # fmt: skip
_TWITTER_PAGES = {
    "i", "home", "search", "hashtag", "intent", "share", "explore", "settings", "login",
    "notifications", "messages", "tos", "privacy", "compose",
}  # fmt: skip
_INSTAGRAM_PAGES = {"p", "reel", "reels", "tv", "explore", "stories", "accounts", "about"}
_ZALO_PAGES = {"g", "s", "pc", "download", "zalo-download"}
_TELEGRAM_PAGES = {"joinchat", "addstickers", "share", "proxy", "socks", "iv", "setlanguage"}
# Query parameters that carry a person (their value is pseudonymised on social hosts).
_PERSON_PARAMS = {
    "id", "uid", "user", "user_id", "profile_id", "owner", "author", "screen_name",
    "ab_channel", "u_code", "username", "channel",
}  # fmt: skip


def pseudonymise(handle: str) -> str:
    """A salted, keyed hash of an author handle: stable per office, not reversible."""
    if not handle:
        return ""
    if PSEUDONYM.match(handle.strip()):
        return handle.strip().lstrip("@")
    key = str(settings.LANTOA_PSEUDONYM_SALT).encode()
    digest = hmac.new(key, handle.strip().casefold().encode(), hashlib.sha256).hexdigest()
    return f"tg-{digest[:12]}"


def redact(text: str) -> str:
    """Replace e-mail addresses and phone numbers before anything is stored."""
    text = _EMAIL.sub("[email đã ẩn]", text)

    def phone(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group(1))
        return "[số điện thoại đã ẩn]" if 9 <= len(digits) <= 15 else match.group(0)

    return _PHONE.sub(phone, text)


def social_host(url: str) -> str:
    """The social network's base domain of `url` ("facebook.com"), or "" for any other site."""
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    if host == "fb.watch" or host == "youtu.be":
        return host
    return next((d for d in SOCIAL_HOSTS if host == d or host.endswith("." + d)), "")


def _pseudo(segment: str, *, at: bool = False) -> str:
    """A path segment replaced by its pseudonym (keeping a leading @ if it had one)."""
    if at or segment.startswith("@"):
        return "@" + pseudonymise(segment if segment.startswith("@") else "@" + segment)
    return pseudonymise(segment)


# Per network: the site's own first path segments (not an account), and first segments after
# which the next one or two name a person or a channel.
_OWN_PAGES = {
    FACEBOOK: _FACEBOOK_PAGES,
    TWITTER: _TWITTER_PAGES,
    ZALO: _ZALO_PAGES,
    TELEGRAM: _TELEGRAM_PAGES,
    INSTAGRAM: _INSTAGRAM_PAGES,
}
_NAMED_AFTER = {
    FACEBOOK: {"people": 2, "pages": 2},  # /people/<name>/<id>, /pages/<name>/<id>
    YOUTUBE: {"channel": 1, "user": 1, "c": 1},
    TELEGRAM: {"s": 1, "c": 1},  # a channel's web preview /s/<name>, a private one's /c/<id>
}


def _path(domain: str, segments: list[str]) -> list[str]:
    """The path segments with the ones that name a person replaced."""
    if not segments:
        return segments
    network = next(group for group in (*_OWN_PAGES, TIKTOK, YOUTUBE) if domain in group)
    first, out = segments[0], list(segments)
    named = _NAMED_AFTER.get(network, {}).get(first, 0)
    if named:
        out[1 : 1 + named] = [_pseudo(s) for s in out[1 : 1 + named]]
    elif first.startswith("@"):  # TikTok and YouTube handles (and an @ anywhere else)
        out[0] = _pseudo(first)
    elif network in _OWN_PAGES and first.lower() not in _OWN_PAGES[network]:
        # A Telegram invite link (/+code) names no one.
        out[0] = first if first.startswith("+") else _pseudo(first)
    return out


def url_pseudonymise(url: str) -> str:
    """`url` with the person in it replaced by a pseudonym; other sites' URLs are unchanged.

    Facebook (/<user>/posts/<id>, profile.php?id=, permalink.php?story_fbid=&id=, m./mbasic.),
    TikTok (/@user/video/<id>), YouTube (/@handle, /channel/UC…, /user/…, /c/…; watch?v= stays),
    X/Twitter (/<user>/status/<id>), Zalo (zalo.me/<phone or id>), Telegram (t.me/<name>/<post>,
    public channels included: an outlet's channel cannot be told from a person's safely),
    Instagram/Threads. Short links without a person (fb.watch/<code>, youtu.be/<id>) stay.
    """
    domain = social_host(url)
    if not domain or domain in ("fb.watch", "youtu.be"):
        return url
    parts = urlsplit(url.strip())
    raw_segments = parts.path.split("/")
    inner = [s for s in raw_segments if s]
    replaced = iter(_path(domain, inner))
    path = "/".join(next(replaced) if s else s for s in raw_segments)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, pseudonymise(v) if k.lower() in _PERSON_PARAMS and v else v) for k, v in pairs]
    new_query = urlencode(query) if query != pairs else parts.query
    return urlunsplit((parts.scheme, parts.netloc, path, new_query, ""))


def text_pseudonymise(text: str) -> str:
    """@mentions and links to social accounts in `text` replaced by pseudonyms."""
    if not text or ("@" not in text and "://" not in text):
        return text

    def mention(match: re.Match) -> str:
        handle = match.group(1).rstrip(".-")
        rest = match.group(1)[len(handle) :]
        if PSEUDONYM.match(handle):
            return match.group(0)
        return "@" + pseudonymise("@" + handle) + rest

    text = _LINK.sub(lambda m: url_pseudonymise(m.group(0)), text)
    return _MENTION.sub(mention, text)


def _fernet() -> Fernet:
    secret = hashlib.sha256(b"lantoa original link|" + str(settings.LANTOA_PSEUDONYM_SALT).encode())
    return Fernet(base64.urlsafe_b64encode(secret.digest()))


def seal(url: str) -> str:
    """The original URL, encrypted (only `unseal` with the same salt reads it)."""
    return _fernet().encrypt(url.encode()).decode() if url else ""


def unseal(token: str) -> str:
    """The URL `seal` encrypted; "" when there is none or the salt changed since."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
