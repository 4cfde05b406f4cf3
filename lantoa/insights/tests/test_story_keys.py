"""Story keys stored once per item (StoryKeys) and read by every worker's linking index, and the
index finding items that other workers linked late."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from lantoa.monitoring.models import Item, Story

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


def _count_computed_keys(monkeypatch) -> list[int]:
    """From now on, the ids of the items whose keys are computed (not read from StoryKeys)."""
    computed = []
    real = stories.item_keys

    def counting(item, aliases):
        computed.append(item.pk)
        return real(item, aliases)

    monkeypatch.setattr(stories, "item_keys", counting)
    return computed


@pytest.mark.django_db
def test_linking_stores_the_keys_and_a_new_worker_reads_them_instead_of_computing(monkeypatch):
    WatchlistFactory()
    [first] = _items(HOSPITAL)
    items_analyse(item_ids=[first.pk], raise_alerts=False)
    first.refresh_from_db()
    assert _stored(first) == stories.item_keys(first, stories.watchlist_aliases())

    stories.INDEX.reset()  # a worker that starts now
    real = stories.item_keys
    computed = _count_computed_keys(monkeypatch)
    [copy] = _items(HOSPITAL_COPY, hours_ago=2)
    items_analyse(item_ids=[copy.pk], raise_alerts=False)
    copy.refresh_from_db()
    assert copy.story_id == first.story_id
    assert computed == [copy.pk]  # the first item's keys were read, not computed
    assert _stored(copy) == real(copy, stories.watchlist_aliases())


@pytest.mark.django_db
def test_a_copy_adds_no_keys_when_its_story_is_found_by_another_item(monkeypatch):
    """A copy (its story given at ingest) of a story the index is led to by another item stores
    an empty keys row and is indexed without keys; of copies whose story the index cannot find,
    the first computes its keys and the others lean on it. An alias edit keeps it so."""
    watchlist = WatchlistFactory()
    [first] = _items(HOSPITAL)
    items_analyse(item_ids=[first.pk], raise_alerts=False)
    first.refresh_from_db()
    real = stories.item_keys
    computed = _count_computed_keys(monkeypatch)
    [copy] = _items({**HOSPITAL, "story": first.story}, hours_ago=3)
    items_analyse(item_ids=[copy.pk], raise_alerts=False)
    assert computed == []
    assert StoryKeys.objects.get(item=copy).keys == ""
    assert stories.INDEX.index.docs[copy.pk].keys == ()
    assert stories.INDEX.index.findable[first.story_id] == 1

    # A story no indexed item leads to (made at ingest for items never analysed here).
    unseen = Story.objects.create(title=BOAT_RACE["title"], item_count=2)
    pair = _items({**BOAT_RACE, "story": unseen}, {**BOAT_RACE, "story": unseen}, hours_ago=2)
    items_analyse(item_ids=[i.pk for i in pair], raise_alerts=False)
    assert computed == [pair[0].pk]
    assert _stored(pair[0]) == real(pair[0], stories.watchlist_aliases())
    assert StoryKeys.objects.get(item=pair[1]).keys == ""
    for item in pair:
        item.refresh_from_db()
        assert item.story_id == unseen.pk

    stories.INDEX.reset()  # a worker that starts now reads the rows as they are
    [later] = _items(HOSPITAL_COPY, hours_ago=1)
    items_analyse(item_ids=[later.pk], raise_alerts=False)
    later.refresh_from_db()
    assert later.story_id == first.story_id
    assert stories.INDEX.index.docs[copy.pk].keys == ()
    assert dict(stories.INDEX.index.findable)[first.story_id] == 2  # the first item and later
    assert computed == [pair[0].pk, later.pk]

    # An alias edit: every row is computed again, but the copies stay without keys.
    watchlist.aliases = "Nhơn Bình"
    watchlist.save()
    stories.INDEX.reset()
    stories.INDEX.sync(stories.watchlist_aliases())
    fingerprint = stories.INDEX.fingerprint
    assert computed == [pair[0].pk, later.pk, first.pk, pair[0].pk, later.pk]
    for copy_item in (copy, pair[1]):
        row = StoryKeys.objects.get(item=copy_item)
        assert (row.keys, row.fingerprint) == ("", fingerprint)
        assert stories.INDEX.index.docs[copy_item.pk].keys == ()
    assert _stored(first) == real(first, stories.watchlist_aliases())


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
    # Not committed yet, as X sees the database. (Model.delete() would set late.pk to None, and
    # the row would come back under a new id above the cursor, which proves nothing.)
    StoryKeys.objects.filter(pk=late.pk).delete()
    stories.INDEX.sync(stories.watchlist_aliases())
    assert newer.pk in stories.INDEX.index.docs
    assert older.pk not in stories.INDEX.index.docs
    assert late.pk in stories.INDEX.gaps
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


def _late_row(older, newer):
    """Worker Y links `older` then `newer`; the step that linked `older` is taken back as if its
    transaction had not committed yet (its keys row and the item's story). Returns the row, to
    be committed later."""
    with pytest.MonkeyPatch.context() as worker_y:
        worker_y.setattr(stories, "INDEX", stories._IndexCache())
        items_analyse(item_ids=[older.pk], raise_alerts=False)
        items_analyse(item_ids=[newer.pk], raise_alerts=False)
    late = StoryKeys.objects.select_related("item").get(item=older)
    assert late.pk < StoryKeys.objects.get(item=newer).pk
    StoryKeys.objects.filter(pk=late.pk).delete()  # (Model.delete() would set late.pk to None)
    Item.objects.filter(pk=older.pk).update(story=None)
    return late


def _commit(late):
    Item.objects.filter(pk=late.item_id).update(story=late.item.story_id)
    StoryKeys.objects.create(
        id=late.pk, item_id=late.item_id, keys=late.keys, fingerprint=late.fingerprint
    )


@pytest.mark.django_db
def test_a_missing_id_is_read_again_until_gap_patience_then_given_up():
    """One worker's clock: a keys row that commits within GAP_PATIENCE of being first missed is
    found; after it, the id is no longer read (a rolled-back insert leaves its id unused for
    ever), and a row that commits later still is not found."""
    WatchlistFactory()
    index = stories.INDEX
    aliases = stories.watchlist_aliases()
    t0 = timezone.now()
    index.sync(aliases, now=t0)
    older, newer, other, last = _items(HOSPITAL, BOAT_RACE, HOSPITAL_COPY, BOAT_RACE)
    late = _late_row(older, newer)

    index.sync(aliases, now=t0)
    assert newer.pk in index.index.docs
    assert older.pk not in index.index.docs
    assert late.pk in index.gaps
    index.sync(aliases, now=t0 + stories.GAP_PATIENCE - timedelta(seconds=1))
    assert late.pk in index.gaps  # still waited for
    _commit(late)
    index.sync(aliases, now=t0 + stories.GAP_PATIENCE - timedelta(seconds=1))
    assert older.pk in index.index.docs
    assert late.pk not in index.gaps

    # The same again for `other`, whose row never commits within the patience.
    late = _late_row(other, last)
    start = t0 + timedelta(minutes=20)
    index.sync(aliases, now=start)
    assert late.pk in index.gaps
    index.sync(aliases, now=start + stories.GAP_PATIENCE)
    assert late.pk not in index.gaps  # given up
    _commit(late)
    index.sync(aliases, now=start + stories.GAP_PATIENCE + timedelta(minutes=1))
    assert other.pk not in index.index.docs  # not read again


@pytest.mark.django_db
def test_a_new_index_reads_again_the_ids_missing_below_the_highest_it_was_built_from():
    """Worker X builds its index (it starts, or the window passed, an alias was edited, a batch
    rolled back) while worker Y's keys row is still in flight below a committed one: X must find
    it when it commits, as an index that had been following would."""
    WatchlistFactory()
    older, newer = _items(HOSPITAL, BOAT_RACE)
    late = _late_row(older, newer)
    stories.INDEX.sync(stories.watchlist_aliases())  # worker X starts now
    assert newer.pk in stories.INDEX.index.docs
    assert late.pk in stories.INDEX.gaps
    _commit(late)
    [copy] = _items(HOSPITAL_COPY, hours_ago=1)
    items_analyse(item_ids=[copy.pk], raise_alerts=False)  # worker X
    older.refresh_from_db()
    copy.refresh_from_db()
    assert copy.story_id == older.story_id

    # Rows written before GAP_PATIENCE cannot be in flight: a new index reads them in its build
    # and waits for no id below them.
    StoryKeys.objects.update(written_at=timezone.now() - stories.GAP_PATIENCE)
    worker_z = stories._IndexCache()
    worker_z.sync(stories.watchlist_aliases())
    assert worker_z.cursor == StoryKeys.objects.latest("id").pk
    assert worker_z.gaps == {}
    assert set(worker_z.index.docs) == {older.pk, newer.pk, copy.pk}


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="SQLite has one writer at a time: a row in flight always gets the highest id",
)
@pytest.mark.django_db(transaction=True)
def test_a_new_index_finds_a_row_another_connection_commits_after_the_build():
    """PostgreSQL, two connections: worker Y's transaction has inserted the older item's keys
    row and not committed; a higher row is committed; worker X builds its index; Y commits."""
    WatchlistFactory()
    older, newer = _items(HOSPITAL, BOAT_RACE)
    aliases = stories.watchlist_aliases()
    inserted, release = threading.Event(), threading.Event()

    def worker_y():
        try:
            with transaction.atomic():
                story = Story.objects.create(title=older.title, first_seen_at=timezone.now())
                Item.objects.filter(pk=older.pk).update(story=story)
                StoryKeys.objects.create(
                    item=older,
                    keys=stories.keys_pack(stories.item_keys(older, aliases)),
                    fingerprint=stories.keys_fingerprint(aliases),
                )
                inserted.set()
                assert release.wait(60)
        finally:
            inserted.set()
            connection.close()

    thread = threading.Thread(target=worker_y)
    thread.start()
    try:
        assert inserted.wait(60)
        with pytest.MonkeyPatch.context() as another_worker:
            another_worker.setattr(stories, "INDEX", stories._IndexCache())
            items_analyse(item_ids=[newer.pk], raise_alerts=False)
        stories.INDEX.sync(aliases)  # worker X starts
        assert newer.pk in stories.INDEX.index.docs
        assert older.pk not in stories.INDEX.index.docs
    finally:
        release.set()
        thread.join()
    [copy] = _items(HOSPITAL_COPY, hours_ago=1)
    items_analyse(item_ids=[copy.pk], raise_alerts=False)  # worker X
    older.refresh_from_db()
    copy.refresh_from_db()
    assert copy.story_id == older.story_id


@pytest.mark.parametrize("change", ["version", "version, no watchlist", "aliases"])
@pytest.mark.django_db
def test_keys_of_another_fingerprint_are_computed_again_once_and_written_back(monkeypatch, change):
    """After an upgrade that changes the keys (KEYS_VERSION) or an alias edit, the first index
    built computes each keys row of the window again, once, and writes it back: its next batches,
    a worker that was running and a worker that starts afterwards read it."""
    watchlist = WatchlistFactory(aliases="Quy Nhơn") if change != "version, no watchlist" else None
    first, second = _items(HOSPITAL, BOAT_RACE)
    items_analyse(item_ids=[first.pk, second.pk], raise_alerts=False)
    before = set(StoryKeys.objects.values_list("fingerprint", flat=True))
    running = stories._IndexCache()  # a worker built before the change
    running.sync(stories.watchlist_aliases())
    if change == "aliases":
        watchlist.aliases = "Nhơn Bình"
        watchlist.save()
    else:  # the upgrade: the workers restart with new key rules
        monkeypatch.setattr(stories, "KEYS_VERSION", stories.KEYS_VERSION + 1)
        running = stories._IndexCache()
    real = stories.item_keys
    computed = _count_computed_keys(monkeypatch)
    stories.INDEX.reset()
    aliases = stories.watchlist_aliases()
    stories.INDEX.sync(aliases)
    assert sorted(computed) == [first.pk, second.pk]
    fingerprint = stories.keys_fingerprint(aliases)
    assert fingerprint not in before
    assert set(StoryKeys.objects.values_list("fingerprint", flat=True)) == {fingerprint}
    assert _stored(first) == real(first, aliases)

    stories.INDEX.sync(aliases)  # the next batch
    running.sync(aliases)
    starting = stories._IndexCache()
    starting.sync(aliases)
    [copy] = _items(HOSPITAL_COPY, hours_ago=1)
    items_analyse(item_ids=[copy.pk], raise_alerts=False)
    assert sorted(computed) == [first.pk, second.pk, copy.pk]  # the copy's keys, once
    assert set(starting.index.docs) == set(running.index.docs) == {first.pk, second.pk}


@pytest.mark.django_db
def test_the_index_holds_the_newest_items_up_to_its_bound(settings):
    """A long window or a backlog: a worker holds at most LANTOA_STORY_INDEX_MAX_ITEMS items,
    the newest, while it links and when it builds its index."""
    settings.LANTOA_STORY_INDEX_MAX_ITEMS = 3
    WatchlistFactory()
    titles = ["Lễ hội", "Hội chợ", "Giải chạy", "Triển lãm", "Hội thảo"]
    items = _items(*[{**BOAT_RACE, "title": f"{title} {BOAT_RACE['title']}"} for title in titles])
    for item in items:
        items_analyse(item_ids=[item.pk], raise_alerts=False)
    held = set(stories.INDEX.index.docs)
    assert len(held) <= 3
    assert items[-1].pk in held
    assert items[0].pk not in held
    assert not any(items[0].pk in posting for posting in stories.INDEX.index.postings.values())
    starting = stories._IndexCache()
    starting.sync(stories.watchlist_aliases())
    assert set(starting.index.docs) == {item.pk for item in items[-3:]}


@pytest.mark.django_db
def test_a_deleted_item_leaves_the_index_without_a_rebuild():
    """Staff delete an item in the admin: its keys row goes with it, the worker's memory still
    holds it. A copy of it must not join its story through it, and the index is not built again
    for that (a build reads the whole window)."""
    WatchlistFactory()
    first, other = _items(HOSPITAL, BOAT_RACE)
    items_analyse(item_ids=[first.pk, other.pk], raise_alerts=False)
    first.refresh_from_db()
    deleted_story = first.story_id
    first.delete()
    built_at = stories.INDEX.built_at
    [copy] = _items(HOSPITAL_COPY, hours_ago=1)
    items_analyse(item_ids=[copy.pk], raise_alerts=False)
    copy.refresh_from_db()
    assert copy.story_id not in (None, deleted_story)
    assert first.pk not in stories.INDEX.index.docs
    assert {other.pk, copy.pk} <= set(stories.INDEX.index.docs)
    assert stories.INDEX.built_at == built_at  # not reset and built again
