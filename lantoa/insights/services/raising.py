"""Raising one alert: its payload, its dedup key, delivery after the commit; the active rules of
a kind and their throttle. Shared by every kind of alert (`alerts.py`, `spikes.py`)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse

from lantoa.core.tasks import QUEUE_DOWN
from lantoa.monitoring.models import Item

from ..enqueue import enqueue_on_commit
from ..models import Alert, AlertRule


def _item_url(item: Item) -> str:
    try:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("insights_item", args=[item.pk])
    except (NoReverseMatch, AttributeError):
        return item.url


def links_warm_up() -> None:
    """Build the URL tree `_item_url` reverses in now (the admin's: 121 resolvers, 0.5 s of CPU
    and 14 MB the first time), so that a worker's first alert does not wait for it."""
    _item_url(Item(pk=0))


def is_throttled(rule: AlertRule, now: datetime) -> bool:
    if not rule.throttle_minutes:
        return False
    since = now - timedelta(minutes=rule.throttle_minutes)
    return rule.alerts.filter(created_at__gte=since).exists()


def raise_alert(rule: AlertRule, *, kind, key, title, body, items, payload=None) -> Alert | None:
    """Create the alert unless its key exists; deliver it after the transaction commits."""
    items = list(items)
    data = {
        "kind": kind,
        "rule": rule.name,
        "title": title,
        "body": body,
        "items": [
            {
                "id": item.pk,
                "title": item.title,
                "url": item.url,
                "link": _item_url(item),
                "source": item.source.name,
                "published_at": item.published_at.isoformat() if item.published_at else None,
            }
            for item in items[:20]
        ],
        "item_count": len(items),
        **(payload or {}),
    }
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                rule=rule, kind=kind, title=title[:500], body=body, payload=data, dedup_key=key
            )
    except IntegrityError:
        return None
    alert.items.set(items)
    _deliver_later(alert.pk)
    return alert


def _deliver_later(alert_id: int) -> None:
    """Queue the delivery after the commit. With the broker down the alert keeps the reason
    (it is in the inbox all the same)."""
    enqueue_on_commit(
        "alert_deliver_task",
        alert_id,
        on_refused=lambda: Alert.objects.filter(pk=alert_id).update(delivery_error=QUEUE_DOWN),
    )


def active_rules(kind: str | list[str]):
    kinds = [kind] if isinstance(kind, str) else kind
    return AlertRule.objects.filter(kind__in=kinds, is_active=True).select_related(
        "watchlist", "topic"
    )


def active_rules_by_kind(kinds: list[str]) -> dict[str, list[AlertRule]]:
    """The active rules of several kinds in one query, by kind (every kind a key)."""
    found: dict[str, list[AlertRule]] = {kind: [] for kind in kinds}
    for rule in active_rules(kinds):
        found[rule.kind].append(rule)
    return found
