"""The daily bulletins already sent: read from the audit log (`insights.bulletin` entries on
the watchlist, written by `bulletins_send`)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from ..models import Watchlist

BULLETIN_SENT = "insights.bulletin"


def bulletins_sent(*, limit: int = 60) -> list[dict]:
    """The last `limit` bulletins sent, newest first: when, for which day and watchlist, with how
    many items (a watchlist deleted since is named from the log)."""
    entries = ModelLogEntry.objects.filter(
        action=BULLETIN_SENT, content_type=ContentType.objects.get_for_model(Watchlist)
    ).order_by("-timestamp", "-pk")[:limit]
    entries = list(entries)
    watchlists = Watchlist.objects.in_bulk([int(e.object_id) for e in entries if e.object_id])
    return [
        {
            "sent_at": entry.timestamp,
            "day": (entry.data or {}).get("day", ""),
            "items": (entry.data or {}).get("items"),
            "watchlist": watchlists.get(int(entry.object_id)) if entry.object_id else None,
            "label": entry.label,
        }
        for entry in entries
    ]
