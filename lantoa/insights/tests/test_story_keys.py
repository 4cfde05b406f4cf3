"""Story keys stored once per item (StoryKeys) and read by every worker's linking index, and the
index finding items that other workers linked late."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ..ml.linking import story_keys
from ..models import StoryKeys
from ..services import items_analyse, stories
from .factories import SourceFactory, WatchlistFactory, indexed_items

HOSPITAL = {
    "title": "Quy Nhơn khởi công bệnh viện đa khoa 1.200 giường",
    "text": "Sáng 14/5, tỉnh khởi công bệnh viện đa khoa 1.200 giường bệnh, vốn 3.450 tỷ đồng, "
    "dự kiến hoàn thành trong ba năm tại khu đô thị mới Nhơn Bình.",
    "language": "vi",
}
HOSPITAL_COPY = {
    "title": "Khởi công bệnh viện đa khoa 1.200 giường ở Quy Nhơn",
    "text": "Ngày 14/5, bệnh viện đa khoa 1.200 giường bệnh vốn 3.450 tỷ đồng được khởi công "
    "tại khu đô thị mới Nhơn Bình, dự kiến hoàn thành trong ba năm.",
    "language": "vi",
}
BOAT_RACE = {
    "title": "Hội đua thuyền truyền thống mừng Xuân trên sông Hà Thanh",
    "text": "Mười hai đội thuyền của các phường tranh tài trước hàng nghìn người dân.",
    "language": "vi",
}


def _items(*specs, hours_ago=6):
    now = timezone.now()
    return indexed_items(
        *[
            {**spec, "source": SourceFactory(name=f"Báo {n}", country="VN"),
             "published_at": now - timedelta(hours=hours_ago - n)}
            for n, spec in enumerate(specs)
        ]
    )  # fmt: skip


def _stored(item) -> frozenset[str]:
    return stories.keys_unpack(StoryKeys.objects.get(item=item).keys)


def test_packed_keys_unpack_to_the_same_keys():
    texts = [
        ("Quy Nhơn đón 1.372.000 lượt khách ngày 5 tháng 3", "Nhơn Lý, Kỳ Co, Eo Gió.", "vi"),
        ("Binh Dinh welcomes 12,500 visitors on March 5", "NASCAR, Lenox and Johnson.", "en"),
        ("クイニョンで137万2000人", "3月5日、ジョンソン氏とカラチ。", "ja"),
        ("归仁接待游客", "3月5日，平定省人民委员会。", "zh"),
        ("퀴논 관광객 2만 명", "3월 5일 빈딘성.", "ko"),
        ("", "", ""),
    ]
    aliases = {"quy nhon": "7", "归仁": "7"}
    for title, text, language in texts:
        keys = story_keys(title, text, language, aliases, hanviet=True)
        packed = stories.keys_pack(keys)
        assert stories.keys_unpack(packed) == keys
        if keys:
            assert len(packed) < len(" ".join(keys))


@pytest.mark.django_db
def test_linking_stores_the_keys_and_a_new_worker_reads_them_instead_of_computing(monkeypatch):
    WatchlistFactory()
    [first] = _items(HOSPITAL)
    items_analyse(item_ids=[first.pk], raise_alerts=False)
    first.refresh_from_db()
    assert _stored(first) == stories.item_keys(first, stories.watchlist_aliases())

    stories.INDEX.reset()  # a worker that starts now
    computed = []
    real = stories.item_keys

    def counting(item, aliases):
        computed.append(item.pk)
        return real(item, aliases)

    monkeypatch.setattr(stories, "item_keys", counting)
    [copy] = _items(HOSPITAL_COPY, hours_ago=2)
    items_analyse(item_ids=[copy.pk], raise_alerts=False)
    copy.refresh_from_db()
    assert copy.story_id == first.story_id
    assert computed == [copy.pk]  # the first item's keys were read, not computed
    assert _stored(copy) == real(copy, stories.watchlist_aliases())


@pytest.mark.django_db
def test_an_item_with_a_lower_id_linked_later_by_another_worker_is_found(monkeypatch):
    """Worker X links the newer item first; worker Y links the older one afterwards (ingested
    earlier, analysed later). X must still find the older one for the next copy."""
    WatchlistFactory()
    older, newer = _items(HOSPITAL, BOAT_RACE)
    assert older.pk < newer.pk
    items_analyse(item_ids=[newer.pk], raise_alerts=False)  # worker X (stories.INDEX)
    with monkeypatch.context() as worker_y:
        worker_y.setattr(stories, "INDEX", stories._IndexCache())
        items_analyse(item_ids=[older.pk], raise_alerts=False)
    [copy] = _items(HOSPITAL_COPY, hours_ago=1)
    items_analyse(item_ids=[copy.pk], raise_alerts=False)  # worker X again
    older.refresh_from_db()
    copy.refresh_from_db()
    assert copy.story_id == older.story_id


@pytest.mark.django_db
def test_keys_committed_late_below_the_highest_id_read_are_found(monkeypatch):
    """Keys rows get their ids when inserted, not when committed: worker Y's row may commit after
    a higher one that worker X has already read. X reads that id again until it appears."""
    WatchlistFactory()
    stories.INDEX.sync(stories.watchlist_aliases())  # worker X is running
    older, newer = _items(HOSPITAL, BOAT_RACE)
    with monkeypatch.context() as worker_y:
        worker_y.setattr(stories, "INDEX", stories._IndexCache())
        items_analyse(item_ids=[older.pk], raise_alerts=False)
        items_analyse(item_ids=[newer.pk], raise_alerts=False)
    late = StoryKeys.objects.get(item=older)
    assert late.pk < StoryKeys.objects.get(item=newer).pk
    late.delete()  # not committed yet, as X sees the database
    stories.INDEX.sync(stories.watchlist_aliases())
    assert newer.pk in stories.INDEX.index.docs
    assert older.pk not in stories.INDEX.index.docs
    StoryKeys.objects.create(
        id=late.pk, item=older, keys=late.keys, fingerprint=late.fingerprint
    )  # now committed
    [copy] = _items(HOSPITAL_COPY, hours_ago=1)
    items_analyse(item_ids=[copy.pk], raise_alerts=False)  # worker X
    older.refresh_from_db()
    copy.refresh_from_db()
    assert copy.story_id == older.story_id


@pytest.mark.django_db
def test_keys_stored_with_other_aliases_are_computed_again_and_written_back():
    watchlist = WatchlistFactory(aliases="Quy Nhơn")
    [first] = _items(HOSPITAL)
    items_analyse(item_ids=[first.pk], raise_alerts=False)
    before = StoryKeys.objects.get(item=first)
    assert "w:vi:nhon" not in _stored(first)  # "Quy Nhơn" counts once, as the alias key

    watchlist.aliases = "Nhơn Bình"
    watchlist.save()
    [other] = _items(BOAT_RACE, hours_ago=1)
    items_analyse(item_ids=[other.pk], raise_alerts=False)
    after = StoryKeys.objects.get(item=first)
    aliases = stories.watchlist_aliases()
    assert after.fingerprint == stories.keys_fingerprint(aliases) != before.fingerprint
    assert _stored(first) == stories.item_keys(first, aliases) != stories.keys_unpack(before.keys)
    assert first.pk in stories.INDEX.index.docs
