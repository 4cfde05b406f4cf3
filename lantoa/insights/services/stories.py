"""Linking items into stories (the one story concept, `monitoring.Story`), their origin trace
and the foreign-pickup moment.

The monitoring pipeline already folded copies and near-copies into a story (MinHash, at ingest).
Here every other analysed item joins the story of the most similar item of the last
STORY_WINDOW days, in any language (lantoa.insights.ml.linking), or starts a story of its own.
"""

import threading
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from lantoa.monitoring.models import Item, Story

from ..ml.linking import StoryIndex, story_keys
from ..models import Watchlist
from ..selectors.stories import is_foreign

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
    return story_keys(item.title, item.summary or item.text[:TEXT_CHARS], item.language, aliases)


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
    Idempotent: an item that has a story keeps it."""
    if not items:
        return []
    items = sorted(items, key=lambda i: (i.published_at or i.fetched_at, i.pk))
    with INDEX.lock:
        INDEX.sync(watchlist_aliases())
        for item in items:
            if item.story_id is None:
                keys = item_keys(item, INDEX.aliases)
                story_id, _ = INDEX.index.best(keys, item.language)
                if story_id is not None and not Story.objects.filter(pk=story_id).exists():
                    story_id = None
                if story_id is None:
                    moment = item.published_at or item.fetched_at
                    story_id = Story.objects.create(
                        title=item.title, first_seen_at=moment, last_seen_at=moment
                    ).pk
                Item.objects.filter(pk=item.pk).update(story_id=story_id)
                item.story_id = story_id
                Story.objects.filter(pk=story_id).update(item_count=F("item_count") + 1)
                INDEX.index.add(item.pk, story_id, keys, item.language)
                INDEX.last_id = max(INDEX.last_id, item.pk)
    return _stories_refresh({item.story_id for item in items})


def _stories_refresh(story_ids: set[int]) -> list[Story]:
    crossed = []
    for story in Story.objects.filter(pk__in=story_ids):
        items = list(story.items.select_related("source").only(
            "id", "published_at", "fetched_at", "language", "source__outlet_type",
            "source__country",
        ))  # fmt: skip
        moments = [i.published_at or i.fetched_at for i in items]
        foreign = [i.published_at or i.fetched_at for i in items if is_foreign(i)]
        local = [i.published_at or i.fetched_at for i in items if not is_foreign(i)]
        story.first_seen_at = min(moments)
        story.last_seen_at = max(moments)
        story.item_count = len(items)
        was_foreign = story.foreign_at is not None
        story.foreign_at = min(foreign) if foreign else None
        story.save(update_fields=["first_seen_at", "last_seen_at", "item_count", "foreign_at"])
        # A local story that crossed into foreign media: local coverage came first.
        if not was_foreign and foreign and local and min(local) <= min(foreign):
            crossed.append(story)
    return crossed
