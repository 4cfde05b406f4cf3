"""The admin sidebar, built once per person and kept for a few minutes.

Every admin page carries the sidebar's data (`sidebar_props`: the grouped pillar menu of
`core.admin.menu`, the search box, the account menu) packed for Wagtail's JavaScript. Building it
runs every app's menu hooks, `may_open` for each of ~40 links (a view instantiated and a permission
checked per link) and telepath's packing: about 40 % of an admin list page's time, the same on
every page, whatever the size of the list (bench/bench_lists.py). What it shows depends only on
who is asking, so the packed JSON is cached under a key made of what decides it: the person, their
roles, unit and permission set, their name and picture, the admin language, and a version that
changes with the permissions no person's own rows show (a role's rights on pages and collections).
A person whose groups or permissions change gets a new key at once; anything else shows within
`LANTOA_ADMIN_MENU_CACHE_SECONDS` (0 turns the cache off).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

from ..roles import user_roles

VERSION_KEY = "lantoa:admin-sidebar:version"


def _seconds() -> int:
    return settings.LANTOA_ADMIN_MENU_CACHE_SECONDS


def sidebar_key(user) -> str | None:
    """The cache key of `user`'s sidebar, or None for someone not signed in."""
    if not getattr(user, "is_authenticated", False):
        return None
    from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url

    identity = (
        user.pk,
        user.is_superuser,
        user.is_active,
        getattr(user, "unit_id", None),
        sorted(user_roles(user)),
        # ModelBackend keeps the set on the user for the request: the view's checks reuse it.
        sorted(user.get_all_permissions()),
        user.first_name,
        user.get_username(),
        avatar_url(user, size=50),
        translation.get_language(),
        cache.get(VERSION_KEY, 0),
    )
    digest = hashlib.sha256(repr(identity).encode()).hexdigest()
    return f"lantoa:admin-sidebar:{digest}"


def sidebar_invalidate(**kwargs) -> None:
    """Every person's sidebar is built again on their next page (a signal receiver)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def cached_sidebar_props(build):
    """Wrap Wagtail's `sidebar_props` tag function `build(context)` with the cache."""

    def sidebar_props(context):
        seconds = _seconds()
        request = context.get("request")
        key = sidebar_key(request.user) if seconds and request is not None else None
        if key is None:
            return build(context)
        html = cache.get(key)
        if html is None:
            html = str(build(context))
            cache.set(key, html, seconds)
        return mark_safe(html)  # noqa: S308 - Wagtail's own json_script output, kept as text

    sidebar_props.lantoa_cached = True
    return sidebar_props


def sidebar_cache_install() -> None:
    """Register the cached tag in place of Wagtail's `sidebar_props` (from `CoreConfig.ready`),
    and bump the version when a role's rights change."""
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.admin.templatetags import wagtailadmin_tags
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    original = wagtailadmin_tags.sidebar_props
    if not getattr(original, "lantoa_cached", False):
        wrapped = cached_sidebar_props(original)
        wagtailadmin_tags.sidebar_props = wrapped
        wagtailadmin_tags.register.simple_tag(wrapped, takes_context=True, name="sidebar_props")
    for model in (Group, GroupPagePermission, GroupCollectionPermission):
        uid = f"lantoa-sidebar-{model._meta.label_lower}"
        post_save.connect(sidebar_invalidate, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(sidebar_invalidate, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(
        sidebar_invalidate, sender=Group.permissions.through, dispatch_uid="lantoa-sidebar-perms"
    )
