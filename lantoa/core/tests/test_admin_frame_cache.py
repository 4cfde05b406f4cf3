"""The admin list's filter drawer and keyboard-shortcuts dialog are rendered once and kept
(core.admin.filter_drawer, core.admin.shortcuts_dialog): the kept HTML is the HTML Wagtail's
templates write, and a new choice, another filter value or language shows at once."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

from lantoa.core.models import User
from lantoa.core.tables import FastColumn
from lantoa.monitoring.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db
ITEMS = reverse("wagtailsnippets_monitoring_item:list")
SOURCES = reverse("wagtailsnippets_monitoring_source:list")


def drawer(html: str) -> str:
    """The page's header from the filter drawer to the list (nothing else varies per request)."""
    found = re.search(r'<div class="w-drilldown__contents">.*?id="listing-results"', html, re.S)
    assert found, "no filter drawer on the page"
    return found.group(0)


def dialog(html: str) -> str:
    found = re.search(r'(<template id="keyboard-shortcuts-dialog.*?</template>)', html, re.S)
    found = found or re.search(r'id="keyboard-shortcuts-dialog".*?</table>', html, re.S)
    assert found, "no keyboard-shortcuts dialog on the page"
    return found.group(0)


@pytest.fixture
def officer(client, demo_ward):
    reader = User.objects.get(username="theodoi")
    group = Group.objects.create(name="Đọc tin và nguồn thử")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="monitoring", codename__in=["view_item", "view_source"]
        )
    )
    reader.groups.add(group)
    client.force_login(reader)
    return client


def test_the_kept_drawer_and_dialog_are_what_wagtail_renders(officer, settings):
    settings.LANTOA_ADMIN_FILTERS_CACHE_SECONDS = 0
    settings.LANTOA_ADMIN_MENU_CACHE_SECONDS = 0
    path = f"{ITEMS}?language=vi&published_from=2026-01-01"
    fresh = officer.get(path).content.decode()
    settings.LANTOA_ADMIN_FILTERS_CACHE_SECONDS = 300
    settings.LANTOA_ADMIN_MENU_CACHE_SECONDS = 300
    officer.get(path)
    kept = officer.get(path).content.decode()
    assert drawer(kept) == drawer(fresh)
    assert dialog(kept) == dialog(fresh)
    assert 'value="2026-01-01"' in drawer(kept)


def test_a_new_source_and_another_value_show_in_the_drawer_at_once(officer, settings):
    settings.LANTOA_ADMIN_FILTERS_CACHE_SECONDS = 300
    before = drawer(officer.get(ITEMS).content.decode())
    assert "Báo mới toanh" not in before
    SourceFactory(name="Báo mới toanh")
    assert "Báo mới toanh" in drawer(officer.get(ITEMS).content.decode())
    chosen = drawer(officer.get(f"{ITEMS}?language=en").content.decode())
    assert 'value="en"' in chosen and chosen != before


def test_the_source_list_cells_read_as_wagtails_template_would(officer, settings):
    html = officer.get(SOURCES).content.decode()
    assert ">True<" not in html and ">False<" not in html
    column = FastColumn("is_active")

    class Row:
        is_active = True

    with translation.override("vi"):
        assert "Có" in column.render_cell_html(Row(), {})
