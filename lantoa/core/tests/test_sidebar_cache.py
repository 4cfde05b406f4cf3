"""The admin sidebar is built once per person and permission set and kept (core.admin.sidebar):
the next page reuses it, and a change of the person's roles or of a role's rights shows at once."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from lantoa.core.admin.sidebar import sidebar_key
from lantoa.core.models import User

pytestmark = pytest.mark.django_db
MONITORING = "pillar-monitoring"
EXPLORER = "explorer"  # the public site's pages, for whoever may edit some


def sidebar_labels(client) -> set[str]:
    """The names of the menu entries on the admin home page (pillars: "pillar-<key>"), as its
    JavaScript gets them (the telepath-packed props of `wagtail-sidebar-props`)."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    data = json.loads(props.group(1))
    labels = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("name"), str):
                labels.add(node["name"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return labels


@pytest.fixture
def readers(db):
    """A group that may read the monitored items (so the monitoring pillar shows)."""
    group = Group.objects.create(name="Đọc tin thử")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="monitoring", codename="view_item")
    )
    return group


def test_the_sidebar_is_kept_and_reused_for_the_next_page(client, demo_ward, readers):
    monitor = User.objects.get(username="theodoi")
    monitor.groups.add(readers)
    client.force_login(monitor)
    assert MONITORING in sidebar_labels(client)
    key = sidebar_key(User.objects.get(username="theodoi"))
    kept = cache.get(key)
    assert kept is not None and "pillar-monitoring" in kept
    # The next page serves what was kept, without building the menu again.
    cache.set(key, kept.replace("pillar-monitoring", "pillar-kept-copy"), 60)
    labels = sidebar_labels(client)
    assert "pillar-kept-copy" in labels and MONITORING not in labels


def test_a_change_of_roles_shows_in_the_menu_on_the_next_page(client, demo_ward, readers):
    reporter = User.objects.get(username="mttq")
    client.force_login(reporter)
    assert MONITORING not in sidebar_labels(client)

    reporter.groups.add(readers)
    assert MONITORING in sidebar_labels(client)

    reporter.groups.remove(readers)
    assert MONITORING not in sidebar_labels(client)


def test_a_change_of_a_roles_permissions_shows_in_the_menu_on_the_next_page(
    client, demo_ward, readers
):
    reporter = User.objects.get(username="mttq")
    reporter.groups.add(readers)
    client.force_login(reporter)
    assert MONITORING in sidebar_labels(client)

    readers.permissions.clear()
    assert MONITORING not in sidebar_labels(client)


def test_a_roles_rights_on_pages_show_in_the_menu_on_the_next_page(client, demo_ward):
    """Page rights are not the person's own permission rows: changing them renews every key."""
    reporter = User.objects.get(username="mttq")
    client.force_login(reporter)
    before = sidebar_labels(client)
    key_before = sidebar_key(User.objects.get(username="mttq"))
    group = reporter.groups.first()
    GroupPagePermission.objects.create(
        group=group, page=Page.objects.get(depth=1), permission_type="change"
    )
    assert sidebar_key(User.objects.get(username="mttq")) != key_before
    after = sidebar_labels(client)
    assert EXPLORER in after and EXPLORER not in before


def test_the_cache_can_be_turned_off(client, demo_ward, settings, readers):
    settings.LANTOA_ADMIN_MENU_CACHE_SECONDS = 0
    monitor = User.objects.get(username="theodoi")
    monitor.groups.add(readers)
    client.force_login(monitor)
    assert MONITORING in sidebar_labels(client)
    assert cache.get(sidebar_key(monitor)) is None
