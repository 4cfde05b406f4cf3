"""The monitoring pipeline's analyse and alert stages call these (registered in apps.ready).

Both are idempotent: the pipeline resumes items after a crash and may call them twice.
"""

from lantoa.monitoring.pipeline import alert, analyse

from .models import ItemMatch
from .services import alerts_raise_for_items, items_analyse


def pipeline_analyse(items) -> None:
    """Stage 9: watchlists, topic, tone, story of freshly stored items."""
    # The stored rows as the pipeline holds them (committed a moment ago): not read again.
    items_analyse(items=items, raise_alerts=False)


def pipeline_alert(items) -> None:
    """Stage 10: immediate alerts for these items (dedup keys make a second call a no-op)."""
    ids = [item.pk for item in items]
    match_ids = list(ItemMatch.objects.filter(item_id__in=ids).values_list("id", flat=True))
    alerts_raise_for_items(item_ids=ids, match_ids=match_ids)


def register() -> None:
    analyse.register(pipeline_analyse)
    alert.register(pipeline_alert)
