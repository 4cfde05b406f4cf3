"""Index maintenance: idempotent, follows edits and deletions, lives in the caller's transaction."""

import pytest
from django.db import transaction

from lantoa.monitoring.models import Item
from lantoa.monitoring.search.models import ItemSearchEntry
from lantoa.monitoring.search.selectors import search_items, search_newest
from lantoa.monitoring.search.services import items_index, items_reindex_all
from lantoa.monitoring.urlnorm import url_hash

from .factories import ItemFactory

pytestmark = pytest.mark.django_db


def test_indexing_twice_keeps_one_row():
    item = ItemFactory(title="Lễ hội Cồng chiêng")
    items_index(item_ids=[item.id])
    items_index(item_ids=[item.id, item.id])
    assert ItemSearchEntry.objects.count() == 1
    assert list(search_items("cong chieng")) == [item]


def test_reindexing_follows_edits_and_deletions():
    item = ItemFactory(title="Bão số 5 đổ bộ")
    other = ItemFactory(title="Bão số 6")
    items_index(item_ids=[item.id, other.id])
    Item.objects.filter(id=item.id).update(title="Áp thấp nhiệt đới")
    items_index(item_ids=[item.id])
    assert set(search_items("bao")) == {other}
    assert list(search_items("ap thap")) == [item]
    item_id = item.id
    item.delete()
    items_index(item_ids=[item_id])
    assert ItemSearchEntry.objects.filter(rowid=item_id).count() == 0
    assert search_items("ap thap").count() == 0


def test_deleting_items_removes_their_index_rows():
    """A database trigger follows every deletion (one item, a bulk delete, raw SQL), so counts
    made on the index alone never count deleted items."""
    from django.db import connection

    kept, deleted, bulk, raw = (ItemFactory(title=f"Hội nghị {n}") for n in range(4))
    items_index(item_ids=[kept.id, deleted.id, bulk.id, raw.id])
    assert search_newest("hoi nghi").count == 4
    deleted.delete()
    Item.objects.filter(id=bulk.id).delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM monitoring_item WHERE id = %s", [raw.id])
    assert set(ItemSearchEntry.objects.values_list("rowid", flat=True)) == {kept.id}
    assert search_newest("hoi nghi").count == search_items("hoi nghi").count() == 1


def _item_table_objects() -> dict[str, str]:
    """The item table's triggers and the indexes Django does not make (its own are named by it
    and have no "search_" prefix), with their SQL."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE tbl_name = 'monitoring_item' AND name LIKE 'search_%'"
        )
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_a_migration_that_copies_the_item_table_on_sqlite_keeps_the_search_s_triggers_and_index():
    """SQLite alters a column by copying the table, and the copy drops the table's triggers and
    the index Django does not know of: after `migrate` they are there again, as their migrations
    wrote them, and they work."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL alters the table in place and keeps its triggers")
    before = _item_table_objects()
    assert set(before) == {
        "search_item_fts_item_deleted",
        "search_index_item_deleted",
        "search_item_facets",
    }
    language = Item._meta.get_field("language")
    wider = language.clone()
    wider.set_attributes_from_name("language")
    wider.model, wider.max_length = Item, language.max_length + 5
    try:
        with connection.schema_editor() as editor:
            editor.alter_field(Item, language, wider)  # what a migration altering it runs
        assert _item_table_objects() == {}
        call_command("migrate", verbosity=0)
        assert _item_table_objects() == before
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(Item, wider, language)
        call_command("migrate", verbosity=0)
    item = ItemFactory(title="Hội nghị xúc tiến du lịch")
    items_index(item_ids=[item.id])
    assert search_newest("hoi nghi").count == 1  # the facets read the index
    Item.objects.filter(id=item.id).delete()
    assert not ItemSearchEntry.objects.filter(rowid=item.id).exists()


def test_an_item_corrected_in_the_admin_is_found_by_its_new_title(
    client, monitor_ward, django_capture_on_commit_callbacks
):
    from lantoa.core.models import User
    from lantoa.insights.models import ItemAnalysis

    item = ItemFactory(title="Lễ hội hoa", summary="", language="vi")
    items_index(item_ids=[item.id])
    client.force_login(User.objects.get(username="theodoi"))
    url = f"/admin/snippets/monitoring/item/edit/{item.id}/"
    form = client.get(url).context["form"]
    data = {**form.initial, "title": "Lễ hội cà phê"}
    data = {k: ("" if v is None else v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert list(search_items("ca phe")) == [item]
    assert not search_items("hoa").exists()
    # An item entered by hand gets its URL hash; the same URL twice is refused in Vietnamese.
    added = {**data, "title": "Nhập tay", "url": "http://127.0.0.1/nhap-tay"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/admin/snippets/monitoring/item/add/", added).status_code == 302
    new = Item.objects.get(title="Nhập tay")
    assert new.url_hash == url_hash(new.url) and list(search_items("nhap tay")) == [new]
    # …and analysed at once, as a collected item is (not left for the 10-minute resume).
    assert new.processed_at is not None and ItemAnalysis.objects.filter(item=new).exists()
    again = client.post("/admin/snippets/monitoring/item/add/", {**added, "title": "Lần hai"})
    assert "Đã có tin với đường dẫn này." in again.context["form"].errors["url"]


def test_unindexed_items_are_not_found_until_indexed():
    item = ItemFactory(title="Hội nghị xúc tiến đầu tư")
    assert search_items("xuc tien").count() == 0
    items_index(item_ids=[item.id])
    assert search_items("xuc tien").count() == 1


def test_index_rolls_back_with_the_item():
    with pytest.raises(RuntimeError), transaction.atomic():
        item = ItemFactory(title="Tin sẽ bị hủy")
        items_index(item_ids=[item.id])
        assert search_items("huy").count() == 1
        raise RuntimeError("crash between stages")
    assert Item.objects.count() == 0
    assert ItemSearchEntry.objects.count() == 0
    assert search_items("huy").count() == 0


def test_reindex_all_rebuilds_from_items():
    items = [ItemFactory(title=f"Tin số {n} về Quy Nhơn") for n in range(7)]
    assert items_reindex_all(batch_size=3) == 7
    assert search_items("quy nhon").count() == 7
    Item.objects.filter(id=items[0].id).delete()
    assert items_reindex_all() == 6
    assert ItemSearchEntry.objects.count() == 6


def test_long_and_multilingual_text_is_indexed():
    item = ItemFactory(
        title="广西壮族自治区 访问 Gia Lai",
        summary="한국 대표단",
        text="Kết thúc sớm " + ("từ " * 30000) + "cuối-cùng " + ("x" * 500),
        language="zh",
    )
    items_index(item_ids=[item.id])
    assert list(search_items("广西")) == [item]
    assert list(search_items("한국")) == [item]
    assert list(search_items('"ket thuc"')) == [item]
    # Far words are found; PostgreSQL keeps positions only up to 16383, so no phrase there.
    assert list(search_items("cuoi")) == [item]
