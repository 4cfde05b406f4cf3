"""The monitoring pipeline's analyse and alert stages call these (registered in apps.ready).

Both are idempotent: the pipeline resumes items after a crash and may call them twice.
"""

from lantoa.monitoring.pipeline import alert, analyse

from .services import alerts_raise_for_items, items_analyse


def pipeline_analyse(items) -> None:
    """Stage 9: watchlists, topic, tone, story of freshly stored items."""
    # The stored rows as the pipeline holds them (committed a moment ago): not read again.
    items_analyse(items=items, raise_alerts=False)


def pipeline_alert(items) -> None:
    """Stage 10: immediate alerts for these items and their watchlist matches (dedup keys make a
    second call a no-op)."""
    alerts_raise_for_items(item_ids=[item.pk for item in items])


def register() -> None:
    analyse.register(pipeline_analyse)
    alert.register(pipeline_alert)
