"""Whole-response cache for the public site's pages, for anonymous visitors only.

A Wagtail page costs ~50 queries to route and render; the public site serves the same HTML to
every anonymous visitor. This middleware keeps that HTML in Django's cache (`CACHES["default"]`)
and serves it without routing or rendering.

What is cached: GET/HEAD of a public path (not /admin/, /api/, /documents/, /static/, /media/,
/_util/) from a visitor without a session cookie and without an Authorization header, answered
200 without setting a cookie, without `Vary: Cookie` (a page that used the session or a CSRF
token, e.g. a form) and without `Cache-Control: private/no-cache/no-store`.

Invalidation: the cache key holds a generation number that publishing, unpublishing, moving or
deleting a page, and saving a site, locale, redirect or site setting, increments; every cached
page is then stale at once. Content that is not a Wagtail page but appears on pages (lists fed by
other apps) is at most LANTOA_PUBLIC_CACHE_SECONDS old (default 60; 0 turns the cache off).
With several web processes the generation must live in a shared cache (LANTOA_CACHE_URL=redis://…,
see docs/operations.md); with the per-process default each process sees its own publishes at once
and the others' within the timeout.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import cc_delim_re, has_vary_header

GENERATION_KEY = "lantoa:public-cache:generation"
SKIPPED_PREFIXES = ("/admin/", "/api/", "/documents/", "/static/", "/media/", "/_util/")
HIT_HEADER = "X-Lantoa-Cache"


def timeout() -> int:
    return settings.LANTOA_PUBLIC_CACHE_SECONDS


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def public_cache_clear(**kwargs) -> None:
    """Make every cached public page stale (a signal receiver; also callable directly)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _cacheable_request(request) -> bool:
    return (
        timeout() > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIPPED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _cacheable_response(response) -> bool:
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    if has_vary_header(response, "Cookie") or has_vary_header(response, "Authorization"):
        return False
    control = {d.strip().split("=")[0].lower() for d in cc_delim_re.split(
        response.get("Cache-Control", "")
    )}  # fmt: skip
    return not control & {"private", "no-cache", "no-store"}


def _key(request) -> str:
    raw = f"{request.get_host()}|{request.get_full_path()}|{translation.get_language()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"lantoa:public-cache:{generation()}:{digest}"


class PublicPageCacheMiddleware:
    """Place after LocaleMiddleware (the language is part of the key)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached[HIT_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            response[HIT_HEADER] = "miss"
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: cache.set(key, r, timeout()))
            else:
                cache.set(key, response, timeout())
        return response


def signals_connect() -> None:
    """Connect the invalidation to Wagtail's and Django's signals (from CoreConfig.ready)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Locale, Page, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    uid = "lantoa-public-cache"
    page_published.connect(public_cache_clear, dispatch_uid=f"{uid}-published")
    page_unpublished.connect(public_cache_clear, dispatch_uid=f"{uid}-unpublished")
    post_page_move.connect(public_cache_clear, dispatch_uid=f"{uid}-moved")
    page_slug_changed.connect(public_cache_clear, dispatch_uid=f"{uid}-slug")
    post_delete.connect(_on_delete, dispatch_uid=f"{uid}-delete")
    post_save.connect(_on_save, dispatch_uid=f"{uid}-save")
    _WATCHED[:] = [Page, Site, Locale, Redirect, BaseSiteSetting, BaseGenericSetting]


_WATCHED: list[type] = []


def _on_delete(sender, instance=None, **kwargs) -> None:
    if _WATCHED and isinstance(instance, tuple(_WATCHED)):
        public_cache_clear()


def _on_save(sender, instance=None, **kwargs) -> None:
    """Sites, locales, redirects and settings; a page's save is often only a draft (publishing
    sends page_published)."""
    if _WATCHED and isinstance(instance, tuple(_WATCHED[1:])):
        public_cache_clear()
