"""Wagtail's keyboard-shortcuts dialog, rendered once per language and keyboard and kept.

Every admin page carries the dialog (`{% keyboard_shortcuts_dialog %}` in Wagtail's base.html): a
table of ~40 translated shortcuts through Wagtail's dialog and help components, about a tenth of
an admin list page's rendering once the sidebar and the filter drawer are cached
(bench/bench_lists.py). Its content is what Wagtail's tag function computes (the person's
shortcuts setting, the comments setting, the keys as the browser's platform names them, the
admin language): the rendered HTML is cached under exactly that content, for
`LANTOA_ADMIN_MENU_CACHE_SECONDS` like the sidebar (0 = rendered on every page).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

TEMPLATE = "wagtailadmin/shared/keyboard_shortcuts_dialog.html"


def _plain(value):
    """The dialog's context with lazy strings made text, for the cache key."""
    if isinstance(value, dict):
        return [(_plain(k), _plain(v)) for k, v in value.items()]
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)


def cached_keyboard_shortcuts_dialog(build):
    """Wrap Wagtail's tag function `build(context)` (it returns the template's context)."""

    def keyboard_shortcuts_dialog(context):
        values = build(context)
        seconds = settings.LANTOA_ADMIN_MENU_CACHE_SECONDS
        if not seconds:
            return render_to_string(TEMPLATE, values)
        identity = repr((_plain(values), translation.get_language())).encode()
        key = "lantoa:shortcuts-dialog:" + hashlib.sha256(identity).hexdigest()
        html = cache.get(key)
        if html is None:
            html = render_to_string(TEMPLATE, values)
            cache.set(key, html, seconds)
        return mark_safe(html)  # noqa: S308 - Wagtail's own template output, kept as text

    keyboard_shortcuts_dialog.lantoa_cached = True
    return keyboard_shortcuts_dialog


def shortcuts_dialog_cache_install() -> None:
    """Register the cached tag in place of Wagtail's (from `CoreConfig.ready`)."""
    from wagtail.admin.templatetags import wagtailadmin_tags

    original = wagtailadmin_tags.keyboard_shortcuts_dialog
    if getattr(original, "lantoa_cached", False):
        return
    wrapped = cached_keyboard_shortcuts_dialog(original)
    wagtailadmin_tags.keyboard_shortcuts_dialog = wrapped
    wagtailadmin_tags.register.simple_tag(
        wrapped, takes_context=True, name="keyboard_shortcuts_dialog"
    )
