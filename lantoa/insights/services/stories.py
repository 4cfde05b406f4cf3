"""Linking items into stories (the one story concept, `monitoring.Story`), their origin trace
and the foreign-pickup moment.

The monitoring pipeline already folded copies and near-copies into a story (MinHash, at ingest).
Here every other analysed item joins the story of the most similar item of the last
STORY_WINDOW days, in any language (lantoa.insights.ml.linking), or starts a story of its own.
"""

import hashlib
import sys
import threading
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db.models import Case, Count, Max, Min, Q, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from lantoa.core.bulk import rows_insert, rows_update, values_update
from lantoa.monitoring.models import Item, Story

from ..ml.linking import KEYS_VERSION, StoryIndex, story_keys
from ..models import StoryKeys, Watchlist
from ..selectors.stories import foreign_q, is_foreign

TEXT_CHARS = 1500
# Sentences of every key kind (numbers, dates, names, katakana, hangul, Hán-Việt, words): when the
# key rules change their keys, the fingerprint changes with them.
_KEYS_PROBE = (
    ("vi", "Đoàn Thanh niên Quy Nhơn trồng 1.250 cây xanh", "Ngày 12/4 tại phường Ghềnh Ráng."),
    ("en", "Binh Dinh opens 3,400 m Nhon Hoi bridge", "On March 5 the Governor said 12,000 cars."),
    ("ja", "クイニョン市で2万5000人が参加", "4月12日、ビンディン省人民委員会が発表した。"),
    ("zh", "归仁市举办国际旅游节", "3月5日，平定省人民委员会宣布接待游客12万人次。"),
    (
        "ko",
        "퀴논 시 국제 관광 축제 개최",
        "4월 12일 빈딘성 인민위원회는 2만 명이 참가했다고 밝혔다.",
    ),
    ("fr", "Le festival de Quy Nhon accueille 12 000 visiteurs", "Le 5 mars, la province a dit."),
)
# How long an id below the highest read may stay unseen before it is taken for a rolled-back
# insert rather than a transaction still open in another worker.
GAP_PATIENCE = timedelta(minutes=15)
_ITEM_TEXT = ("item__title", "item__summary", "item__text", "item__language")


def watchlist_aliases() -> dict[str, str]:
    """Folded spelling → watchlist key, for every alias of every active watchlist."""
    from lantoa.core.text import fold_lower

    found = {}
    for watchlist in Watchlist.objects.filter(is_active=True):
        for alias in [watchlist.name, *watchlist.alias_list()]:
            folded = fold_lower(alias).strip()
            if len(folded) >= 2:
                found[folded] = str(watchlist.pk)
    return found


def item_keys(item: Item, aliases: dict[str, str]) -> frozenset[str]:
    text = item.summary or item.text[:TEXT_CHARS]
    return story_keys(item.title, text, item.language, aliases, hanviet=True)


def keys_pack(keys) -> str:
    """Keys as one compact string: grouped by their prefix, written once ("w:vi:cau,cang n:2470").
    A key's own part never holds a space, a comma or a colon (words, digits, skeletons)."""
    groups: dict[str, list[str]] = {}
    for key in sorted(keys):
        prefix, _, value = key.rpartition(":")
        groups.setdefault(prefix, []).append(value)
    return " ".join(f"{prefix}:{','.join(values)}" for prefix, values in groups.items())


def keys_unpack(packed: str) -> frozenset[str]:
    """The keys `keys_pack` packed (interned, as story_keys returns them)."""
    keys = []
    for group in packed.split(" "):
        prefix, _, values = group.rpartition(":")
        keys.extend(sys.intern(f"{prefix}:{value}") for value in values.split(","))
    return frozenset(keys) if packed else frozenset()


@lru_cache(maxsize=1)
def _probe_keys() -> str:
    return "|".join(
        keys_pack(story_keys(title, text, lang, None, hanviet=True))
        for lang, title, text in _KEYS_PROBE
    )


def keys_fingerprint(aliases: dict[str, str]) -> str:
    """Names what an item's keys were computed with: the aliases, the key rules (the probe's
    keys, KEYS_VERSION) and how much text they read."""
    seen = repr((KEYS_VERSION, TEXT_CHARS, sorted(aliases.items()), _probe_keys()))
    return hashlib.blake2b(seen.encode(), digest_size=8).hexdigest()


class _IndexCache:
    """The linking index of the last STORY_WINDOW days in this worker's memory, extended from the
    database at each batch (several workers see each other's items) with the keys every worker
    stored when it linked its items (StoryKeys): read, not computed again."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self, now=None):
        self.index = StoryIndex()
        self.built = False
        self.cursor = 0  # the highest StoryKeys id read
        # StoryKeys ids below the cursor not read yet → when first missed: another worker's
        # transaction may still commit them (ids are handed out at insert, not at commit).
        self.gaps: dict[int, object] = {}
        self.last_item = 0  # the highest item id this worker linked (a rollback shows there)
        self.aliases: dict[str, str] = {}
        self.fingerprint = ""  # set by the first sync (empty: not built for any aliases yet)
        self.built_at = now or timezone.now()

    def sync(self, aliases: dict[str, str], *, now=None):
        """Bring the index up to date with the database: built for the window when it is new (or
        older than the window, or the aliases changed, or a batch this worker linked was rolled
        back), then extended with the keys rows written since the last sync. `now` is the clock
        (the tests move it)."""
        now = now or timezone.now()
        window = timedelta(days=settings.LANTOA_STORY_WINDOW_DAYS)
        stale = now - self.built_at > window
        rolled_back = self.last_item and not Item.objects.filter(pk=self.last_item).exists()
        if stale or rolled_back or not self.fingerprint or aliases != self.aliases:
            self.reset(now)
            self.aliases = aliases
            self.fingerprint = keys_fingerprint(aliases)
        since = now - window
        if not self.built:
            self._build(since, now)
        self._follow(since, now)

    def _build(self, since, now) -> None:
        """The window's keys rows up to the last one written before GAP_PATIENCE ago, and the
        backfill; the rows after it are left to `_follow`, which reads them all and tracks the
        ids missing among them as gaps. Ids come from one sequence, so a row still in flight in
        another worker's transaction, if it was inserted in the last GAP_PATIENCE, has an id
        above that row's: a new index misses no more than an index that has been following."""
        horizon = now - GAP_PATIENCE
        settled = (
            StoryKeys.objects.filter(written_at__lt=horizon)
            .order_by("-id")
            .values_list("id", flat=True)
            .first()
        ) or 0
        rows = StoryKeys.objects.filter(
            id__lte=settled, item__fetched_at__gte=since, item__story__isnull=False
        )
        # A window longer than the bound (a backlog imported) is read from its newest rows.
        first = rows.order_by("-id").values_list("id", flat=True)[_max_items() - 1 : _max_items()]
        if first:
            rows = rows.filter(id__gte=first[0])
        self._read(rows, since)
        self._backfill(since)
        self.cursor = settled
        self.built = True  # `_follow` runs next and bounds the index

    def bound(self) -> None:
        """At most LANTOA_STORY_INDEX_MAX_ITEMS items in memory: the oldest added go first (a
        tenth more at once, so that a posting list is not rewritten at every batch)."""
        limit = _max_items()
        if len(self.index.docs) > limit:
            self.index.forget_oldest(limit - limit // 10)

    def _follow(self, since, now) -> None:
        """The keys rows after the cursor and those of the gaps; ids that did not show up between
        the cursor and the highest read become gaps, read again until GAP_PATIENCE has passed."""
        wanted = Q(id__gt=self.cursor)
        for low, high in _runs(sorted(self.gaps)):
            wanted |= Q(id__range=(low, high))
        seen = self._read(StoryKeys.objects.filter(wanted), since)
        for row_id in seen:
            self.gaps.pop(row_id, None)
        if seen and seen[-1] > self.cursor:
            unseen = set(range(self.cursor + 1, seen[-1])) - set(seen)
            self.gaps.update(dict.fromkeys(unseen, now))
            self.cursor = seen[-1]
        self.gaps = {k: at for k, at in self.gaps.items() if now - at < GAP_PATIENCE}
        self.bound()

    def _read(self, rows, since) -> list[int]:
        """Add the rows' items to the index (those with a story, of the window, not in it yet);
        rows stored with another fingerprint are computed again. Returns the ids read, in
        order."""
        columns = ("id", "item_id", "item__story_id", "item__language", "item__fetched_at")
        rows = rows.order_by("id").values_list(*columns, "keys", "fingerprint")
        docs, recompute, seen = self.index.docs, [], []
        for row_id, item_id, story_id, language, fetched_at, packed, fingerprint in rows.iterator(
            chunk_size=2000
        ):
            seen.append(row_id)
            if story_id is None or fetched_at < since or item_id in docs:
                continue
            if fingerprint != self.fingerprint:
                recompute.append(row_id)
                continue
            self.index.add(item_id, story_id, keys_unpack(packed), language)
        if recompute:
            self._recompute(recompute)
        return seen

    def _recompute(self, row_ids: list[int]) -> None:
        """Keys stored with other aliases or rules: computed again, written back for the other
        workers, added to the index. A copy stored without keys (`_batch_keys`) stays without
        while another item leads to its story (rows in the order they were written: the
        original's first)."""
        rows = list(StoryKeys.objects.filter(pk__in=row_ids).select_related("item").order_by("id"))
        for row in rows:
            copy = not row.keys and row.item.story_id in self.index.findable
            keys = frozenset() if copy else item_keys(row.item, self.aliases)
            row.keys, row.fingerprint = keys_pack(keys), self.fingerprint
            self.index.add(row.item_id, row.item.story_id, keys, row.item.language)
        rows_update(StoryKeys, rows, ["keys", "fingerprint"])

    def _backfill(self, since) -> None:
        """Items of the window that have a story and no stored keys (linked before keys were
        stored, or folded into a story at ingest and not analysed yet): computed and stored,
        the newest LANTOA_STORY_INDEX_MAX_ITEMS of them."""
        items = list(
            Item.objects.filter(fetched_at__gte=since, story__isnull=False, story_keys__isnull=True)
            .order_by("-id")
            .only("id", "story_id", "title", "summary", "text", "language")[: _max_items()]
        )
        items.reverse()
        rows = []
        for item in items:
            keys = item_keys(item, self.aliases)
            self.index.add(item.pk, item.story_id, keys, item.language)
            rows.append(
                StoryKeys(item_id=item.pk, keys=keys_pack(keys), fingerprint=self.fingerprint)
            )
        rows_insert(StoryKeys, rows, ignore_conflicts=True)


def _max_items() -> int:
    return max(1, settings.LANTOA_STORY_INDEX_MAX_ITEMS)


def _runs(ids: list[int]):
    """Sorted ids as (first, last) runs of consecutive ids."""
    start = previous = None
    for value in ids:
        if previous is not None and value == previous + 1:
            previous = value
            continue
        if start is not None:
            yield start, previous
        start = previous = value
    if start is not None:
        yield start, previous


INDEX = _IndexCache()


def stories_link(items: list[Item]) -> list[Story]:
    """Give every item a story (in time order), refresh the stories' first and last appearance,
    size and first foreign appearance; returns the stories that crossed into foreign media now.
    Idempotent: an item that has a story keeps it. A batch costs a few queries, not a few per
    item: new stories are bulk-created, items updated in one executemany, their keys stored in
    another."""
    if not items:
        return []
    items = sorted(items, key=lambda i: (i.published_at or i.fetched_at, i.pk))
    with INDEX.lock:
        try:
            crossed = _link(items)
        except BaseException:
            INDEX.reset()  # the index may hold this batch's rolled-back stories
            raise
        INDEX.bound()
        return crossed


def _batch_keys(items: list[Item]) -> dict[int, frozenset[str]]:
    """The keys of the batch's items that the index does not hold, computed. (An item with keys
    stored and not in the index is outside the window or being analysed again: rare, and its
    stored row is kept.)

    A copy (given its story by MinHash at ingest) of a story the index can already be led to
    gets no keys: its words, names and numbers are its original's, which lead there. Its keys
    would only count those again, and a story copied by more outlets than MAX_POSTINGS would
    make its own names and numbers too common to find it by: foreign coverage of a widely
    syndicated story would start a story of its own."""
    index = INDEX.index
    keys: dict[int, frozenset[str]] = {}
    found: set[int] = set()  # stories an item of this batch leads to (in time order)
    for item in items:
        story = item.story_id
        # An item without a story is linked (again: its story may have been removed since).
        if story is not None and item.pk in index.docs:
            continue
        if story is not None and (story in found or story in index.findable):
            keys[item.pk] = frozenset()
            continue
        keys[item.pk] = item_keys(item, INDEX.aliases)
        if story is not None:
            found.add(story)
    return keys


def _link(items: list[Item]) -> list[Story]:
    INDEX.sync(watchlist_aliases())
    lonely = [item for item in items if item.story_id is None]
    keys = _batch_keys(items)
    wrong = _assign(lonely, keys)
    while wrong:
        if Item.objects.filter(pk__in=wrong).exists():
            # The memory held entries of a rolled-back batch: rebuild it from the database and
            # link the batch again (rare: a failed transaction after this stage ran).
            INDEX.reset()
            INDEX.sync(watchlist_aliases())
            _assign(lonely, keys, verify=False)
            break
        # Items deleted since they were indexed (their keys rows went with them) leave the index
        # and the batch is linked again without them (and without this pass's entries): no
        # rebuild, which would read the whole window.
        INDEX.index.forget([*wrong, *(item.pk for item in lonely)])
        wrong = _assign(lonely, keys)
    new_of = {item.pk: item for item in lonely if item.story_id == -item.pk}
    crossed: list[Story] = []
    ids: dict[int, int] = {}  # placeholder → new story id
    if new_of:
        # A new story's items are all in this batch: its figures are known here, written with
        # it (the aggregate below reads the stories that existed before).
        members: dict[int, list[Item]] = {}
        for item in lonely:
            if item.story_id < 0:
                members.setdefault(item.story_id, []).append(item)
        born = [_new_story(item.title, members[-pk]) for pk, item in new_of.items()]
        created = Story.objects.bulk_create([story for story, _ in born])
        ids = {-pk: story.pk for pk, story in zip(new_of, created, strict=True)}
        for item in lonely:
            item.story_id = ids.get(item.story_id, item.story_id)
            INDEX.index.restory(item.pk, item.story_id)
        crossed = [story for story, crossing in born if crossing]
    if lonely:
        rows_update(Item, lonely, ["story"])
    # The batch's copies (given their story by MinHash at ingest) go into the index from memory
    # (without keys when their story is found by another item's).
    for item in items:
        if item.pk not in INDEX.index.docs:
            INDEX.index.add(item.pk, item.story_id, keys[item.pk], item.language)
    # Keys computed here are stored in the same step, for the other workers' indexes (and this
    # one's after a restart); an item whose keys are already stored keeps that row.
    rows_insert(
        StoryKeys,
        [
            StoryKeys(item_id=pk, keys=keys_pack(keys[pk]), fingerprint=INDEX.fingerprint)
            for pk in sorted(keys)
        ],
        ignore_conflicts=True,
    )
    INDEX.last_item = max(INDEX.last_item, *(item.pk for item in items))
    return crossed + _stories_refresh({item.story_id for item in items} - {*ids.values()})


def _new_story(title: str, members: list[Item]) -> tuple[Story, bool]:
    """A story born in this batch with its figures (what `_stories_refresh` would read), and
    whether it crossed into foreign media already: local coverage first, then foreign."""
    moments = [item.published_at or item.fetched_at for item in members]
    foreign, local = [], []
    for at, item in zip(moments, members, strict=True):
        (foreign if is_foreign(item) else local).append(at)
    story = Story(
        title=title,
        item_count=len(members),
        first_seen_at=min(moments),
        last_seen_at=max(moments),
        foreign_at=min(foreign, default=None),
    )
    return story, bool(foreign and local and min(local) <= min(foreign))


def _assign(lonely: list[Item], keys: dict, *, verify: bool = True) -> set[int]:
    """Give each item the story of its best match in the index, or a story of its own (a
    negative placeholder, -item id, until the bulk insert); a later item of the batch may join
    it. With `verify`, one query checks afterwards that every matched earlier item is still in
    that story: a rolled-back batch leaves entries behind in this memory (SQLite may give their
    ids to other rows), and an item may have been deleted. Returns the matched items that are
    not (the batch is to be linked again)."""
    matched: dict[int, int] = {}  # earlier item id → the story this batch joined through it
    linked: set[int] = set()  # items this pass put in the index (not stored with a story yet)
    for item in lonely:
        story_id, _ = INDEX.index.best(keys[item.pk], item.language)
        if story_id is not None and INDEX.index.matched not in linked:
            matched[INDEX.index.matched] = story_id
        if story_id is None:
            story_id = -item.pk
        item.story_id = story_id
        INDEX.index.add(item.pk, story_id, keys[item.pk], item.language)
        linked.add(item.pk)
    if not verify or not matched:
        return set()
    stored = dict(Item.objects.filter(pk__in=matched).values_list("pk", "story_id"))
    return {pk for pk, story_id in matched.items() if stored.get(pk) != story_id}


def _stories_refresh(story_ids: set[int]) -> list[Story]:
    """One aggregate query for the batch's stories: size, first and last appearance, first
    foreign and first local appearance."""
    if not story_ids:
        return []
    moment = Coalesce("published_at", "fetched_at")
    foreign = foreign_q()
    rows = (
        Item.objects.filter(story_id__in=story_ids)
        .values("story_id")
        .annotate(
            n=Count("id"),
            first=Min(moment),
            last=Max(moment),
            first_foreign=Min(Case(When(foreign, then=moment))),
            first_local=Min(Case(When(~foreign, then=moment))),
        )
    )
    figures = {row["story_id"]: row for row in rows}
    # Four figures are written: the rows are not loaded as Story instances to write them, only
    # whether each story was foreign already (for the crossing).
    was_foreign = Story.objects.filter(pk__in=figures).values_list("pk", "foreign_at")
    updates, crossed = [], []
    for story_id, foreign_at in was_foreign:
        row = figures[story_id]
        updates.append((row["n"], row["first"], row["last"], row["first_foreign"], story_id))
        # A local story that crossed into foreign media: local coverage came first.
        if (
            foreign_at is None
            and row["first_foreign"]
            and row["first_local"]
            and row["first_local"] <= row["first_foreign"]
        ):
            crossed.append(story_id)
    values_update(Story, ["item_count", "first_seen_at", "last_seen_at", "foreign_at"], updates)
    return list(Story.objects.filter(pk__in=crossed)) if crossed else []
