"""What a person should look at: story summaries, watchlists with their counts, a user's alerts."""

from collections import Counter

from django.db.models import Count, Exists, F, OuterRef, QuerySet
from django.utils import timezone

from ..models import (
    Alert,
    Watchlist,
)


def story_summary(story) -> dict:
    """A story for people: items in time order, outlets, languages, tone mix, spread per day."""
    items = list(
        story.items.select_related("source", "analysis").order_by(
            F("published_at").asc(nulls_last=True), "fetched_at", "id"
        )
    )
    analyses = [item.analysis for item in items if hasattr(item, "analysis")]
    spread = Counter(
        timezone.localtime(item.published_at).date() for item in items if item.published_at
    )
    return {
        "items": items,
        "outlets": sorted({item.source.name for item in items}),
        "languages": sorted({item.language for item in items if item.language}),
        "tones": {tone: n for tone, n in Counter(a.tone for a in analyses if a.tone).items()},
        "spread": sorted(spread.items()),
    }


def watchlists_with_counts() -> QuerySet:
    """Watchlists annotated with `match_count`, the number of items each tagged."""
    return Watchlist.objects.annotate(match_count=Count("matches"))


def alerts_for_user(user) -> QuerySet[Alert]:
    """Alerts the user may read (every alert of the ward, to whoever may view alerts), newest
    first, each annotated with `is_read` for this user."""
    alerts = Alert.objects.select_related("rule").annotate(
        is_read=Exists(Alert.read_by.through.objects.filter(alert_id=OuterRef("pk"), user=user))
    )
    # .none() after annotating, so callers can still filter on is_read.
    return alerts if user.has_perm("insights.view_alert") else alerts.none()


def unread_alert_count(user) -> int:
    return alerts_for_user(user).filter(is_read=False).count()
