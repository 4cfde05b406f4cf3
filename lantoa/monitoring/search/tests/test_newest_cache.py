"""The search page's per-process cache of newest matches is never stale: every way the index
changes (new items, edits, deletions, a rebuild, a rolled-back transaction) is seen by the next
search, and what is counted per view (facets in the viewer's time zone, source names) is too.
Run on SQLite and, in CI, on PostgreSQL."""

from datetime import UTC, datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone

from lantoa.monitoring.models import Item
from lantoa.monitoring.search import newest_cache
from lantoa.monitoring.search.selectors import search_newest
from lantoa.monitoring.search.services import items_index, items_reindex_all

from .factories import ItemFactory, SourceFactory, indexed_items

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    newest_cache.clear()
    yield
    newest_cache.clear()


def titles(query: str, **kwargs) -> list[str]:
    page = search_newest(query, limit=50, with_facets=True, **kwargs)
    return [item.title for item in page.items]


def test_a_repeated_search_is_answered_from_the_cache():
    indexed_items({"title": "Mưa lớn ở Gia Lai"}, {"title": "Gia Lai đón khách"})
    assert titles("gia lai") == ["Gia Lai đón khách", "Mưa lớn ở Gia Lai"]
    assert newest_cache.stats == {"hit": 0, "updated": 0, "read": 1}
    assert titles("gia lai") == ["Gia Lai đón khách", "Mưa lớn ở Gia Lai"]
    assert newest_cache.stats == {"hit": 1, "updated": 0, "read": 1}


def test_new_items_are_found_by_searching_only_the_appended_rows():
    indexed_items({"title": "Gia Lai một"}, {"title": "Gia Lai hai"})
    assert titles("gia lai") == ["Gia Lai hai", "Gia Lai một"]
    indexed_items({"title": "Gia Lai ba"}, {"title": "Tin khác"})
    assert titles("gia lai") == ["Gia Lai ba", "Gia Lai hai", "Gia Lai một"]
    assert newest_cache.stats["updated"] == 1
    page = search_newest("gia lai", limit=50, with_facets=True)
    assert page.count == 3 and not page.count_capped


def test_an_older_item_indexed_late_takes_its_place_in_the_order():
    # Two writers' commits can come in the other order than their ids: the append starts at the
    # lowest new rowid, not after the newest row the cache saw.
    first, late, last = (ItemFactory(title=f"Gia Lai {n}") for n in ("một", "hai", "ba"))
    items_index(item_ids=[first.id, last.id])
    assert titles("gia lai") == ["Gia Lai ba", "Gia Lai một"]
    items_index(item_ids=[late.id])
    assert titles("gia lai") == ["Gia Lai ba", "Gia Lai hai", "Gia Lai một"]
    assert newest_cache.stats["updated"] == 1


def test_an_edited_item_is_searched_by_its_new_text():
    _kept, edited = indexed_items({"title": "Gia Lai một"}, {"title": "Gia Lai hai"})
    assert titles("gia lai") == ["Gia Lai hai", "Gia Lai một"]
    Item.objects.filter(id=edited.id).update(title="Kon Tum hai")
    items_index(item_ids=[edited.id])
    assert titles("gia lai") == ["Gia Lai một"]
    assert titles("kon tum") == ["Kon Tum hai"]
    # Found by searching the rewritten row only.
    assert newest_cache.stats == {"hit": 0, "updated": 1, "read": 2}
    Item.objects.filter(id=edited.id).update(title="Gia Lai hai lần")
    items_index(item_ids=[edited.id])
    assert titles("gia lai") == ["Gia Lai hai lần", "Gia Lai một"]


def test_a_deleted_item_is_gone_from_the_next_search():
    kept, deleted = indexed_items({"title": "Gia Lai một"}, {"title": "Gia Lai hai"})
    assert search_newest("gia lai", with_facets=True).count == 2
    deleted.delete()  # the database trigger moves the generation, whoever deletes
    page = search_newest("gia lai", with_facets=True)
    assert [item.id for item in page.items] == [kept.id]
    assert page.count == 1
    assert page.facets()["source"][0]["count"] == 1


def test_many_rows_rewritten_since_are_read_again(monkeypatch):
    items = indexed_items(*({"title": f"Gia Lai {n}"} for n in range(3)))
    assert len(titles("gia lai")) == 3
    monkeypatch.setattr(newest_cache, "MAX_REWRITTEN", 1)
    Item.objects.filter(id__in=[items[0].id, items[1].id]).update(title="Kon Tum")
    items_index(item_ids=[items[0].id])
    items_index(item_ids=[items[1].id])
    assert titles("gia lai") == ["Gia Lai 2"]
    assert newest_cache.stats == {"hit": 0, "updated": 0, "read": 2}


def test_deletions_below_a_capped_count_read_the_matches_again():
    items = indexed_items(*({"title": f"Gia Lai {n}"} for n in range(6)))
    page = search_newest("gia lai", limit=2, count_bound=3, with_facets=True)
    assert (page.count, page.count_capped) == (3, True)
    # The cache kept the newest 4; with two of them gone, the 4th newest is an older row.
    Item.objects.filter(id__in=[items[5].id, items[3].id]).delete()
    page = search_newest("gia lai", limit=2, count_bound=3, with_facets=True)
    assert [item.title for item in page.items] == ["Gia Lai 4", "Gia Lai 2"]
    assert [row[0] for row in page._facet_rows] == [items[n].id for n in (4, 2, 1)]
    assert newest_cache.stats == {"hit": 0, "updated": 0, "read": 2}
    # One more gone: the kept rows (4, 2, 1, 0) were all the matches, but the cache cannot
    # know it (it kept as many as it asked for), so it reads them again.
    items[4].delete()
    page = search_newest("gia lai", limit=2, count_bound=3, with_facets=True)
    assert [row[0] for row in page._facet_rows] == [items[n].id for n in (2, 1, 0)]
    assert (page.count, page.count_capped) == (3, False)


def test_items_deleted_in_bulk_are_gone_too():
    source = SourceFactory()
    indexed_items({"title": "Gia Lai một"}, {"title": "Gia Lai hai"}, source=source)
    indexed_items({"title": "Gia Lai ba"})
    assert search_newest("gia lai", with_facets=True).count == 3
    Item.objects.filter(source=source).delete()  # one statement, as a retention run does
    assert titles("gia lai") == ["Gia Lai ba"]
    assert search_newest("gia lai", with_facets=True).count == 1


def test_a_rebuilt_index_is_read_again():
    indexed_items({"title": "Gia Lai một"})
    assert titles("gia lai") == ["Gia Lai một"]
    # Written behind the services' back (a bulk change): invisible until the documented rebuild.
    Item.objects.update(title="Kon Tum")
    items_reindex_all()
    assert titles("gia lai") == []
    assert titles("kon tum") == ["Kon Tum"]


def test_a_search_inside_a_transaction_that_rolled_back_is_not_kept_for_later():
    indexed_items({"title": "Gia Lai một"})
    with pytest.raises(RuntimeError), transaction.atomic():
        indexed_items({"title": "Gia Lai bỏ"})
        assert titles("gia lai") == ["Gia Lai bỏ", "Gia Lai một"]
        raise RuntimeError
    # The same number of changes again, committed this time: a generation with another token
    # (SQLite may even give the new item the rolled-back one's id).
    indexed_items({"title": "Kon Tum"})
    assert titles("gia lai") == ["Gia Lai một"]
    assert search_newest("gia lai", with_facets=True).count == 1


def test_facet_days_follow_the_viewers_time_zone():
    indexed_items({"title": "Gia Lai đêm", "published_at": datetime(2026, 8, 2, 20, tzinfo=UTC)})
    with timezone.override("UTC"):
        utc_days = search_newest("gia lai", with_facets=True).facets()["day"]
    with timezone.override("Asia/Ho_Chi_Minh"):
        local_days = search_newest("gia lai", with_facets=True).facets()["day"]
    assert newest_cache.stats["hit"] == 1
    assert [day["value"].isoformat() for day in utc_days] == ["2026-08-02"]
    assert [day["value"].isoformat() for day in local_days] == ["2026-08-03"]


def test_a_source_filter_follows_the_sources_names():
    old = SourceFactory(name="Báo Cũ")
    other = SourceFactory(name="Tin Mới")
    indexed_items({"title": "Gia Lai một", "source": old}, {"title": "Gia Lai hai"})
    indexed_items({"title": "Gia Lai ba", "source": other})
    assert titles('gia lai source:"Tin Mới"') == ["Gia Lai ba"]
    # Renaming a source changes which items `source:` means, not the index.
    old.name = "Tin Mới"
    old.save()
    assert titles('gia lai source:"Tin Mới"') == ["Gia Lai ba", "Gia Lai một"]


def test_the_cache_is_bounded_in_entries_and_bytes(monkeypatch):
    indexed_items(*({"title": f"Gia Lai {n} Kon Tum Đà Nẵng"} for n in range(5)))
    monkeypatch.setattr(newest_cache, "MAX_ENTRIES", 2)
    for query in ("gia lai", "kon tum", "đà nẵng", "gia"):
        assert len(titles(query)) == 5
    assert len(newest_cache._entries) == 2
    monkeypatch.setattr(newest_cache, "MAX_BYTES", newest_cache.ROW_BYTES * 5 + 100)
    titles("gia lai")
    assert len(newest_cache._entries) == 1
    assert newest_cache._bytes <= newest_cache.MAX_BYTES
    monkeypatch.setattr(newest_cache, "MAX_ENTRIES", 0)  # LANTOA_SEARCH_CACHE_ENTRIES=0: off
    newest_cache.clear()
    assert len(titles("gia lai")) == 5
    assert not newest_cache._entries


def test_without_a_generation_nothing_is_kept():
    indexed_items({"title": "Gia Lai một"})
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_index_state")
    titles("gia lai")
    titles("gia lai")
    assert newest_cache.stats == {"hit": 0, "updated": 0, "read": 0}
    assert not newest_cache._entries


def _generation() -> tuple[int, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(seq) FROM search_index_change")
        last_change = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM search_index_state WHERE id = 1")
        row = cursor.fetchone()
    return (row[0] if row else None), last_change


def test_a_state_row_emptied_without_the_log_goes_on_after_the_last_change():
    # A flush or a partial restore can empty the state table and keep the log (Django's flush
    # between browser tests did): the next change, by the index or by the delete trigger, must
    # not reuse a seq the log holds, and the kept matches must not be served.
    kept, deleted = indexed_items({"title": "Gia Lai một"}, {"title": "Gia Lai hai"})
    assert titles("gia lai") == ["Gia Lai hai", "Gia Lai một"]
    for change in ("index", "delete"):
        _seq, last_change = _generation()
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_index_state")
        if change == "index":
            Item.objects.filter(id=kept.id).update(title="Gia Lai một lần")
            items_index(item_ids=[kept.id])
        else:
            deleted.delete()
        seq, newest_change = _generation()
        assert seq == newest_change == last_change + 1, change
    assert titles("gia lai") == ["Gia Lai một lần"]
