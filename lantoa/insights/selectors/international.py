"""The international view: how the locality is covered abroad (foreign outlets, or any language
other than Vietnamese — the item list's "foreign" filter), by country, language and outlet type,
tone month by month, and the stories that drove it. Every figure carries the link of the item list
with the filters that give the same count."""

from collections import defaultdict
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from lantoa.core.constants import country_name, language_name
from lantoa.monitoring.constants import OutletType
from lantoa.monitoring.models import Story
from lantoa.monitoring.selectors import item_list_url, items_published_in_period

from ..constants import Tone
from ..models import Watchlist
from .volumes import foreign_items

TOP_STORIES = 10


def international_items(*, start: date, end: date, watchlist: Watchlist | None = None):
    items = foreign_items(items_published_in_period(start=start, end=end))
    if watchlist is not None:
        items = items.filter(watchlist_matches__watchlist=watchlist).distinct()
    return items


def international_view(*, start: date, end: date, watchlist: Watchlist | None = None) -> dict:
    items = international_items(start=start, end=end, watchlist=watchlist)
    base = {"foreign": "true"}
    if watchlist is not None:
        base["watchlist"] = watchlist.pk

    def link(**params):
        return item_list_url(start=start, end=end, **base, **params)

    def grouped(field: str, name) -> list[dict]:
        """The items counted by `field`, each value shown by its Vietnamese `name`."""
        rows = items.order_by().values(field).annotate(n=Count("id", distinct=True))
        return [
            {
                "key": row[field],
                "label": name(row[field]),
                "count": row["n"],
                "url": link(**{field: row[field]}),
            }
            for row in sorted(rows, key=lambda r: (-r["n"], r[field] or ""))
        ]

    tz = timezone.get_current_timezone()
    months: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Tone.values, 0))
    unknown: dict[date, int] = defaultdict(int)
    for row in (
        items.order_by()
        .annotate(month=TruncMonth("published_at", tzinfo=tz))
        .values("month", "analysis__tone")
        .annotate(n=Count("id", distinct=True))
    ):
        month = row["month"].date()
        tone = row["analysis__tone"]
        if tone in Tone.values:
            months[month][tone] += row["n"]
        else:
            unknown[month] += row["n"]
    tone_rows = []
    for month in sorted(set(months) | set(unknown)):
        last = _month_end(month)
        first, to = max(month, start), min(last, end)
        tone_rows.append(
            {
                "month": month,
                "tones": [
                    {
                        "tone": tone,
                        "label": Tone(tone).label,
                        "count": months[month][tone],
                        "url": item_list_url(start=first, end=to, **base, analysis__tone=tone),
                    }
                    for tone in Tone.values
                ],
                "unknown": unknown[month],
            }
        )
    story_rows = (
        items.exclude(story=None)
        .order_by()
        .values("story_id")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "story_id")[:TOP_STORIES]
    )
    titles = dict(
        Story.objects.filter(pk__in=[r["story_id"] for r in story_rows]).values_list("pk", "title")
    )
    return {
        "start": start,
        "end": end,
        "watchlist": watchlist,
        "total": items.count(),
        "total_url": link(),
        "by_country": grouped("source__country", country_name),
        "by_language": grouped("language", language_name),
        "by_outlet_type": grouped("source__outlet_type", _outlet_type_name),
        "tone_by_month": tone_rows,
        "stories": [
            {
                "id": row["story_id"],
                "title": titles.get(row["story_id"], ""),
                "count": row["n"],
                "url": link(story=row["story_id"]),
            }
            for row in story_rows
        ],
    }


def _outlet_type_name(value: str) -> str:
    return str(dict(OutletType.choices).get(value, value or "?"))


def _month_end(month: date) -> date:
    following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


__all__ = ["international_items", "international_view"]
