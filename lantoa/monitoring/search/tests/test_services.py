"""Index maintenance: idempotent, follows edits and deletions, lives in the caller's transaction."""

import pytest
from django.db import transaction

from lantoa.monitoring.models import Item
from lantoa.monitoring.search.models import ItemSearchEntry
from lantoa.monitoring.search.selectors import search_items
from lantoa.monitoring.search.services import items_index, items_reindex_all

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
        text=("từ " * 30000) + "kết-thúc " + ("x" * 500),
        language="zh",
    )
    items_index(item_ids=[item.id])
    assert list(search_items("广西")) == [item]
    assert list(search_items("한국")) == [item]
    assert list(search_items('"ket thuc"')) == [item]
