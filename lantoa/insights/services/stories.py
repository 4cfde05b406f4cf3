"""Linking items into stories (the one story concept, `monitoring.Story`), their origin trace
and the foreign-pickup moment.

The monitoring pipeline already folded copies and near-copies into a story (MinHash, at ingest).
Here every other analysed item joins the story of the most similar item of the last
STORY_WINDOW days, in any language (lantoa.insights.ml.linking), or starts a story of its own.
"""

import threading
from datetime import timedelta

from django.conf import settings
from django.db.models import Case, Count, Max, Min, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from lantoa.core.bulk import rows_update
from lantoa.monitoring.models import Item, Story

from ..ml.linking import StoryIndex, story_keys
from ..models import Watchlist
from ..selectors.stories import foreign_q

TEXT_CHARS = 1500


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


class _IndexCache:
    """The linking index of the last STORY_WINDOW days in this worker's memory, extended from the
    database at each batch (several workers see each other's items)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.index = StoryIndex()
        self.last_id = 0
        self.aliases: dict[str, str] = {}
        self.built_at = timezone.now()

    def sync(self, aliases: dict[str, str]):
        window = timedelta(days=settings.LANTOA_STORY_WINDOW_DAYS)
        stale = timezone.now() - self.built_at > window
        rolled_back = self.last_id and not Item.objects.filter(pk=self.last_id).exists()
        if stale or rolled_back or aliases != self.aliases:
            self.reset()
            self.aliases = aliases
        rows = (
            Item.objects.filter(
                id__gt=self.last_id, story__isnull=False, fetched_at__gte=timezone.now() - window
            )
            .order_by("id")
            .only("id", "story_id", "title", "summary", "text", "language")
        )
        for item in rows.iterator(chunk_size=2000):
            self.index.add(item.pk, item.story_id, item_keys(item, aliases), item.language)
            self.last_id = max(self.last_id, item.pk)


INDEX = _IndexCache()


def stories_link(items: list[Item]) -> list[Story]:
    """Give every item a story (in time order), refresh the stories' first and last appearance,
    size and first foreign appearance; returns the stories that crossed into foreign media now.
    Idempotent: an item that has a story keeps it. A batch costs a few queries, not a few per
    item: new stories are bulk-created, items updated in one executemany."""
    if not items:
        return []
    items = sorted(items, key=lambda i: (i.published_at or i.fetched_at, i.pk))
    with INDEX.lock:
        try:
            return _link(items)
        except BaseException:
            INDEX.reset()  # the index may hold this batch's rolled-back stories
            raise


def _link(items: list[Item]) -> list[Story]:
    INDEX.sync(watchlist_aliases())
    lonely = [item for item in items if item.story_id is None]
    keys = {item.pk: item_keys(item, INDEX.aliases) for item in lonely}
    if not _assign(lonely, keys):
        # The memory held entries of a rolled-back batch: rebuild it from the database and link
        # the batch again (rare: a failed transaction after this stage ran).
        INDEX.reset()
        INDEX.sync(watchlist_aliases())
        _assign(lonely, keys, verify=False)
    new_of = {item.pk: item for item in lonely if item.story_id == -item.pk}
    if new_of:
        created = Story.objects.bulk_create(
            [
                Story(
                    title=item.title,
                    first_seen_at=item.published_at or item.fetched_at,
                    last_seen_at=item.published_at or item.fetched_at,
                )
                for item in new_of.values()
            ]
        )
        ids = {-pk: story.pk for pk, story in zip(new_of, created, strict=True)}
        for item in lonely:
            item.story_id = ids.get(item.story_id, item.story_id)
            INDEX.index.docs[item.pk].story = item.story_id
    if lonely:
        rows_update(Item, lonely, ["story"])
    # The batch's copies (given their story by MinHash at ingest) go into the index from memory,
    # as the next sync would have read them back from the database; then the sync skips the
    # whole batch. Their keys are computed once either way; the read back is saved.
    for item in items:
        if item.pk not in INDEX.index.docs:
            INDEX.index.add(item.pk, item.story_id, item_keys(item, INDEX.aliases), item.language)
    INDEX.last_id = max(INDEX.last_id, *(item.pk for item in items))
    return _stories_refresh({item.story_id for item in items})


def _assign(lonely: list[Item], keys: dict, *, verify: bool = True) -> bool:
    """Give each item the story of its best match in the index, or a story of its own (a
    negative placeholder, -item id, until the bulk insert); a later item of the batch may join
    it. With `verify`, one query checks afterwards that every matched earlier item is still in
    that story: a rolled-back batch leaves entries behind in this memory, and SQLite may give
    their ids to other rows. Returns False (and leaves the index to be rebuilt) when one is not.
    """
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
        return True
    stored = dict(Item.objects.filter(pk__in=matched).values_list("pk", "story_id"))
    return all(stored.get(pk) == story_id for pk, story_id in matched.items())


def _stories_refresh(story_ids: set[int]) -> list[Story]:
    """One aggregate query for the batch's stories: size, first and last appearance, first
    foreign and first local appearance."""
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
    stories = list(Story.objects.filter(pk__in=figures))
    crossed = []
    for story in stories:
        row = figures[story.pk]
        was_foreign = story.foreign_at is not None
        story.item_count, story.first_seen_at, story.last_seen_at = (
            row["n"],
            row["first"],
            row["last"],
        )
        story.foreign_at = row["first_foreign"]
        # A local story that crossed into foreign media: local coverage came first.
        if (
            not was_foreign
            and row["first_foreign"]
            and row["first_local"]
            and row["first_local"] <= row["first_foreign"]
        ):
            crossed.append(story)
    rows_update(Story, stories, ["item_count", "first_seen_at", "last_seen_at", "foreign_at"])
    return crossed
