"""The monitoring pipeline's analyse/alert stages reach insights through registered callbacks."""

import pytest

from lantoa.monitoring import services as monitoring

from ..constants import AlertKind, Frequency
from ..models import Alert, ItemAnalysis, ItemMatch
from .factories import AlertRuleFactory, SourceFactory, WatchlistFactory

pytestmark = pytest.mark.django_db


def test_ingested_items_are_tagged_analysed_and_alerted_once():
    watchlist = WatchlistFactory()
    AlertRuleFactory(kind=AlertKind.MATCH, frequency=Frequency.IMMEDIATE, watchlist=watchlist)
    entries = [
        {"url": "http://127.0.0.1/t/1", "title": "Lễ hội biển Quy Nhơn thu hút du khách"},
        {"url": "http://127.0.0.1/t/2", "title": "Giá vàng hôm nay"},
    ]
    monitoring.entries_ingest(source=SourceFactory(), entries=entries)
    match = ItemMatch.objects.get()
    assert match.item.url == "http://127.0.0.1/t/1" and "<mark>" in match.passage
    assert ItemAnalysis.objects.count() == 2
    assert Alert.objects.get().items.get() == match.item
    # Ingesting the same entries again stores nothing new and raises nothing new.
    monitoring.entries_ingest(source=SourceFactory(), entries=entries)
    assert Alert.objects.count() == 1 and ItemMatch.objects.count() == 1
