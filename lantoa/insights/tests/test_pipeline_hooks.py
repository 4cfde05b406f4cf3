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


def _word(*numbers: int) -> str:
    """A made-up word per number (letters only), so that no two test items share a story."""
    return "".join(chr(ord("b") + int(d)) for d in "".join(f"{n:03d}" for n in numbers))


def test_analyse_and_alert_cost_the_same_queries_for_a_batch_of_3_or_30():
    """Batch-wise analysis: the after-commit stages' queries do not grow with the batch (a
    watchlist that matches a third of the items included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lantoa.monitoring.pipeline import runner

    WatchlistFactory()
    counts = {}
    original = runner.after_commit_run

    def counted(items, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            result = original(items, **kwargs)
        counts[len(items)] = len(queries.captured_queries)
        return result

    runner.after_commit_run = counted
    try:
        # A first batch so that both measured batches find a linking index already in use.
        for size in (5, 3, 30):
            entries = [
                {
                    "url": f"http://127.0.0.1/q/{size}/{n}",
                    "title": f"{_word(size, n)} {_word(n, size)}"
                    + (" ở Quy Nhơn" if n % 3 == 0 else ""),
                }
                for n in range(size)
            ]
            monitoring.entries_ingest(source=SourceFactory(), entries=entries)
    finally:
        runner.after_commit_run = original
    assert set(counts) == {5, 3, 30}
    assert ItemAnalysis.objects.count() == 38 and ItemMatch.objects.count() == 2 + 1 + 10
    assert counts[30] == counts[3], counts
