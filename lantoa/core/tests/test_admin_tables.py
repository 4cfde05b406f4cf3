"""The admin lists' tables written in Python (core.tables: FastRowsTable's rows, the title and
checkbox cells, the rows' menus of buttons) are the tables Wagtail's templates write: same rows,
cells, links, checkboxes and buttons, for every list that uses them, as the monitoring officer and
as the administrator."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from lantoa.core import tables
from lantoa.core.models import User
from lantoa.monitoring.models import Item, PollRun
from lantoa.monitoring.tests.factories import SourceFactory
from lantoa.plans.tests.factories import make_task
from lantoa.responses.models import Case

pytestmark = pytest.mark.django_db
LISTS = [
    reverse("wagtailsnippets_monitoring_item:list"),
    reverse("wagtailsnippets_monitoring_item:list") + "?language=vi",
    reverse("wagtailsnippets_monitoring_source:list"),
    reverse("wagtailsnippets_monitoring_pollrun:list"),
    reverse("wagtailsnippets_responses_case:list"),
    reverse("wagtailsnippets_plans_task:list"),
]


def table(html: str) -> str:
    """The page's listing table, whitespace between and inside tags made alike (a template
    indents, Python does not; a browser shows both the same)."""
    found = re.search(r"<table class=\"listing.*?</table>", html, re.S)
    assert found, "no table on the page"
    text = re.sub(r"\s+", " ", found.group(0))
    text = re.sub(r"\s*(/?>)\s*", r"\1", text)
    return re.sub(r"\s*<", "<", text)


@pytest.fixture
def ward(demo_ward):
    """A page of rows in every list: items of two languages, poll runs of every outcome, cases
    and tasks."""
    sources = [SourceFactory(name=f"Báo thử {n}", language="vi") for n in range(3)]
    now = timezone.now()
    Item.objects.bulk_create(
        Item(
            source=sources[n % 3],
            url=f"http://127.0.0.1/tin/{n}",
            url_hash=f"{n:064x}",
            title=f"Tin thử số {n}",
            language="vi" if n % 4 else "en",
            published_at=now - timedelta(hours=n),
        )
        for n in range(25)
    )
    outcomes = [value for value, _label in PollRun._meta.get_field("outcome").choices]
    for n, outcome in enumerate(outcomes * 2):
        PollRun.objects.create(
            source=sources[n % 3], outcome=outcome, stored=n, http_status=200, counts={"new": n}
        )
    for n in range(4):
        Case.objects.create(
            claim=f"Tin đồn thử {n}", due_at=now + timedelta(hours=n), detected_at=now
        )
    for n in range(4):
        make_task(demo_ward, title=f"Nhiệm vụ thử {n}")
    # The officer reads every list (a role of the demo's setup grants it in production).
    group = Group.objects.create(name="Đọc các danh sách thử")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["view_item", "view_source", "view_pollrun", "view_case", "view_task"]
        )
    )
    User.objects.get(username="theodoi").groups.add(group)


def wagtails_tables(monkeypatch):
    """Every list's rows, titles and checkboxes back to Wagtail's templates (the text and date
    cells, which show dates as the office writes them, stay ours on both sides)."""
    monkeypatch.delattr(tables.FastColumnsMixin, "table_class")
    monkeypatch.delattr(tables.FastTitleCellMixin, "render_cell_html")
    monkeypatch.delattr(tables.FastBulkActionsCheckboxColumn, "render_cell_html")


@pytest.mark.parametrize("username", ["theodoi", "admin"])
def test_the_lists_tables_are_what_wagtails_templates_write(ward, client, monkeypatch, username):
    client.force_login(User.objects.get(username=username))
    ours = {}
    for path in LISTS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "core/admin/table.html" in [t.name for t in response.templates], path
        ours[path] = table(response.content.decode())
        # Titles (with their rows' menus of buttons) and checkboxes are written in Python (the
        # button templates still serve the page's header, so only the cells' are asserted).
        names = {t.name for t in response.templates}
        assert "wagtailadmin/tables/title_cell.html" not in names, path
        assert "wagtailadmin/bulk_actions/listing_checkbox_cell.html" not in names, path
    wagtails_tables(monkeypatch)
    for path in LISTS:
        response = client.get(path)
        assert "core/admin/table.html" not in [t.name for t in response.templates], path
        assert ours[path] == table(response.content.decode()), path
    # The lists had rows to compare: items with their checkbox and link, cases, tasks.
    assert ours[LISTS[0]].count('class="bulk-action-checkbox"') >= 10
    assert ours[LISTS[0]].count('<td class="title"><div class="title-wrapper"><a href=') >= 10
    assert ours[LISTS[3]].count("<tr") > 1  # poll runs
    assert ours[LISTS[4]].count("<tr") > 1 and ours[LISTS[5]].count("<tr") > 1
    # Sources, cases and tasks rows carry their menu of buttons (edit, inspect, delete as the
    # person may), the sources also "extract again" for who may change items.
    for path in LISTS[2], LISTS[4], LISTS[5]:
        assert ours[path].count('<ul class="actions">') > 1, path
        assert ours[path].count('<div data-controller="w-dropdown" class="w-dropdown"') > 1, path
        assert ours[path].count('href="/admin/snippets/') > ours[path].count("<tr"), path
    reextract = ours[LISTS[2]].count("/reextract")
    assert reextract > 1 if username == "admin" else reextract == 0


def test_a_cell_is_escaped_and_a_row_written_once(ward, client):
    item = Item.objects.order_by("-published_at", "-id").first()
    Item.objects.filter(pk=item.pk).update(title='<script>alert("x")</script> & Co')
    client.force_login(User.objects.get(username="theodoi"))
    html = table(client.get(reverse("wagtailsnippets_monitoring_item:list")).content.decode())
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert html.count(f'data-object-id="{item.pk}"') == 1
