"""The items list's cost does not grow with its rows: a fixed number of queries per page, and
the filter drawer's choices read from the small tables with plain queries (no server-side
cursor)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantoa.core.models import User
from lantoa.core.tests.pagination import pagination_count
from lantoa.monitoring.models import Item

from .factories import SourceFactory

pytestmark = pytest.mark.django_db
ITEMS = reverse("wagtailsnippets_monitoring_item:list")


def add_items(source, start: int, count: int) -> None:
    published = datetime(2026, 11, 1, tzinfo=UTC)
    Item.objects.bulk_create(
        Item(
            source=source,
            url=f"http://127.0.0.1/tin/{n}",
            url_hash=f"{n:064x}",
            title=f"Tin thử số {n}",
            language="vi",
            published_at=published + timedelta(minutes=n),
        )
        for n in range(start, start + count)
    )


@pytest.fixture
def reader_client(client, demo_ward):
    reader = User.objects.get(username="theodoi")
    group = Group.objects.create(name="Đọc tin thử")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="monitoring", codename="view_item")
    )
    reader.groups.add(group)
    client.force_login(reader)
    return client


def list_queries(client, path: str) -> list[str]:
    client.get(path)  # the menu and the caches filled, as for someone already at work
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_the_items_list_runs_as_many_queries_for_20_rows_as_for_2(
    reader_client, django_assert_max_num_queries
):
    source = SourceFactory()
    add_items(source, 1, 2)
    few = list_queries(reader_client, ITEMS)
    add_items(source, 100, 40)
    with django_assert_max_num_queries(len(few)):
        page = reader_client.get(ITEMS)
    assert page.content.decode().count("Tin thử số") >= 20
    filtered = f"{ITEMS}?language=vi&source={source.pk}"
    assert len(list_queries(reader_client, filtered)) <= len(few) + 1


def test_the_filter_choices_come_without_a_server_side_cursor(reader_client):
    SourceFactory(name="Báo thử nghiệm")
    queries = list_queries(reader_client, ITEMS)
    assert not [sql for sql in queries if sql.lstrip().upper().startswith("DECLARE")]
    assert any("monitoring_source" in sql for sql in queries)  # the source filter's choices


def test_a_long_list_is_counted_up_to_its_cap_and_says_more_than(reader_client, monkeypatch):
    from lantoa.core.paginators import CachedCountPaginator

    monkeypatch.setattr(CachedCountPaginator, "CAP", 30)
    source = SourceFactory()
    add_items(source, 1, 25)
    exact = reader_client.get(ITEMS).content.decode()
    assert pagination_count(exact).startswith("25 ") and "hơn 30" not in exact

    add_items(source, 100, 20)
    capped = reader_client.get(ITEMS).content.decode()
    assert pagination_count(capped).startswith("Hơn 30 ")  # capitalised by Wagtail
    filtered = reader_client.get(f"{ITEMS}?language=vi").content.decode()
    assert "Có hơn 30 kết quả" in filtered and "45 kết quả" not in filtered
    # Pages run to the cap: the second page shows rows 21–31.
    assert reader_client.get(f"{ITEMS}?p=2").status_code == 200


def test_the_outlet_filters_list_the_items_of_those_sources(reader_client):
    feed = SourceFactory()
    page = SourceFactory(kind="page", outlet_type="foreign_press")
    add_items(feed, 1, 2)
    add_items(page, 50, 1)
    by_kind = reader_client.get(f"{ITEMS}?source__kind=page").content.decode()
    assert "Tin thử số 50" in by_kind and "Tin thử số 2" not in by_kind
    by_outlet = reader_client.get(f"{ITEMS}?source__outlet_type=domestic_press").content.decode()
    assert "Tin thử số 2" in by_outlet and "Tin thử số 50" not in by_outlet


def test_language_and_outlet_filters_together_list_exactly_those_items(reader_client, monkeypatch):
    from lantoa.monitoring.admin import filters

    feed = SourceFactory()
    page = SourceFactory(kind="page", outlet_type="foreign_press")
    add_items(feed, 1, 3)
    add_items(page, 50, 2)
    Item.objects.filter(url_hash=f"{51:064x}").update(language="en")
    # Vietnamese counts as common here, so SQLite gets the condition it cannot index.
    monkeypatch.setattr(filters, "LANGUAGE_COMMON", 2)
    for language, kind, shown, hidden in [
        ("vi", "page", ["Tin thử số 50"], ["Tin thử số 51", "Tin thử số 2"]),
        ("en", "page", ["Tin thử số 51"], ["Tin thử số 50"]),
        ("vi", "feed", ["Tin thử số 1", "Tin thử số 3"], ["Tin thử số 50"]),
        ("en", "feed", [], ["Tin thử số 1", "Tin thử số 51"]),
    ]:
        html = reader_client.get(f"{ITEMS}?language={language}&source__kind={kind}").content
        html = html.decode()
        assert all(title in html for title in shown), (language, kind)
        assert not any(title in html for title in hidden), (language, kind)
    one = reader_client.get(f"{ITEMS}?language=vi&source={page.pk}").content.decode()
    assert "Tin thử số 50" in one and "Tin thử số 51" not in one and "Tin thử số 1<" not in one


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner")
def test_sqlite_reads_a_filtered_page_in_the_lists_order_from_an_index(monkeypatch):
    """At 1M items a sort of every match took 10 s: the plans must read an index in the list's
    order (no temporary B-tree for ORDER BY) for a common language with a big group of sources,
    and the small group's own rows for a small group."""
    from django.http import QueryDict

    from lantoa.monitoring.admin import filters
    from lantoa.monitoring.admin.filters import ItemFilterSet

    feeds = [SourceFactory(), SourceFactory()]
    small = SourceFactory(kind="page", outlet_type="foreign_press")
    for number, source in enumerate(feeds):
        add_items(source, 1000 * (number + 1), 400)
    add_items(small, 5000, 3)
    monkeypatch.setattr(filters, "LANGUAGE_COMMON", 100)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    def plan(query: str) -> str:
        found = ItemFilterSet(data=QueryDict(query), queryset=Item.objects.order_by(*ORDER))
        sql, params = found.qs[:20].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return " | ".join(row[3] for row in cursor.fetchall())

    for query in ("language=vi", "language=vi&source__kind=feed", f"source={small.pk}"):
        assert "TEMP B-TREE FOR ORDER BY" not in plan(query), query
    assert "monitoring_item_lang_pub" in plan("language=vi")
    assert "monitoring_item_src_pub" in plan("language=vi&source__kind=page")
    assert "monitoring_item_lang_pub" not in plan("language=vi&source__kind=page")


ORDER = ("-published_at", "-id")
