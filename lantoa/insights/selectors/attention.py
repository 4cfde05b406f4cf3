"""What a person should look at: story summaries, watchlists with their counts, a user's alerts
and what monitors thought of them."""

from collections import Counter

from django.db.models import Count, Exists, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    Alert,
    AlertFeedback,
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


def _marks(useful: bool, **outer) -> Coalesce:
    """How many marks `useful` (True/False) the outer row's alert(s) got, as a subquery (a join
    would multiply the rows that other annotations count)."""
    marks = (
        AlertFeedback.objects.filter(useful=useful, **outer)
        .order_by()
        .values(*outer)
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(marks, output_field=IntegerField()), 0)


def alerts_with_feedback(alerts: QuerySet[Alert], user) -> QuerySet[Alert]:
    """`alerts` annotated with `useful_marks`, `not_useful_marks` and `my_mark` (True, False, or
    None when `user` has not marked the alert)."""
    mine = AlertFeedback.objects.filter(alert_id=OuterRef("pk"), user=user).values("useful")[:1]
    return alerts.annotate(
        useful_marks=_marks(True, alert_id=OuterRef("pk")),
        not_useful_marks=_marks(False, alert_id=OuterRef("pk")),
        my_mark=Subquery(mine),
    )


def rules_with_feedback(rules: QuerySet) -> QuerySet:
    """Alert rules annotated with `useful_marks` and `not_useful_marks` over all their alerts."""
    return rules.annotate(
        useful_marks=_marks(True, alert__rule_id=OuterRef("pk")),
        not_useful_marks=_marks(False, alert__rule_id=OuterRef("pk")),
    )
