"""The admin lists' filter drawer, rendered once and kept for a few minutes.

Every admin list page carries its filter drawer: Wagtail renders each field of the FilterSet's
form through its field template, and each option of each select and radio list through Django's
widget templates (the items list: 18 fields, about 80 options). It was the largest share of a list
page's Python time once the sidebar was cached (bench/bench_lists.py: ~30 % of the items list).
What it shows is a function of the form alone: its fields, the values the request gave them, their
choices (sources, watchlists, topics, units … as the database holds them now) and the admin
language. The rendered HTML is cached under a key made of exactly those, so a new source, a
renamed topic or another filter value is a new key at once: the choices are read on every page
(one plain query per model field, as rendering them did), only their rendering is saved.
`LANTOA_ADMIN_FILTERS_CACHE_SECONDS` bounds how long an entry lives (0 turns the cache off).
"""

from __future__ import annotations

import hashlib

import wagtail
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

TEMPLATE = "core/admin/filter_drawer.html"
# Part of the key: a change of the template's markup must not serve the old one from a shared
# cache (Redis) after a deploy.
VERSION = (1, wagtail.__version__)


def _text(value):
    """A choice as text: (value, label) pairs, groups (label, [pairs]) and anything else a
    field's choices yield (Wagtail's report filters give more than pairs)."""
    if isinstance(value, list | tuple):
        return tuple(_text(part) for part in value)
    return str(value)


def _choices(field) -> tuple:
    choices = getattr(field, "choices", None)
    if choices is None:
        return ()
    return tuple(_text(choice) for choice in choices)


def filter_drawer_key(form) -> str:
    """The cache key of `form`'s drawer: its class, its fields with their labels and choices, the
    values the request gave them (a field's widget may read `name_after`, `name_0` …), the
    admin language."""
    names = list(form.fields)
    data = sorted(
        (key, tuple(form.data.getlist(key)) if hasattr(form.data, "getlist") else form.data[key])
        for key in form.data
        if any(key == name or key.startswith(f"{name}_") for name in names)
    )
    fields = [
        (name, type(field).__name__, str(field.label), str(field.help_text), _choices(field))
        for name, field in form.fields.items()
    ]
    identity = (
        VERSION,
        type(form).__module__,
        type(form).__qualname__,
        form.prefix,
        fields,
        data,
        translation.get_language(),
    )
    return "lantoa:filter-drawer:" + hashlib.sha256(repr(identity).encode()).hexdigest()


def filter_drawer_html(filters) -> str:
    """The drawer of a WagtailFilterSet `filters`, from the cache when it holds this form."""
    seconds = settings.LANTOA_ADMIN_FILTERS_CACHE_SECONDS
    if not seconds:
        return render_to_string(TEMPLATE, {"filters": filters})
    key = filter_drawer_key(filters.form)
    html = cache.get(key)
    if html is None:
        html = render_to_string(TEMPLATE, {"filters": filters})
        cache.set(key, html, seconds)
    return mark_safe(html)  # noqa: S308 - rendered by our own template, kept as text
