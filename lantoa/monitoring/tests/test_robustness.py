"""Third-party edge-case feeds, and two workers polling at once on PostgreSQL."""

import json
import threading

import pytest
from django.conf import settings
from django.db import connection, connections

from lantoa.monitoring.constants import FetchOutcome, ItemStatus
from lantoa.monitoring.models import Item, PollRun, Source
from lantoa.monitoring.services import sources_poll_due

from .factories import SourceFactory, rss

EDGECASES = settings.DATA_DIR / "feeds" / "feedparser_edgecases"
HANDLED = {
    FetchOutcome.OK,
    FetchOutcome.NOT_MODIFIED,
    FetchOutcome.PARSE_ERROR,
    FetchOutcome.UNSAFE_XML,
}


def _manifest():
    path = EDGECASES / "manifest.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.mark.django_db
@pytest.mark.skipif(not _manifest(), reason=f"{EDGECASES} absent (LANTOA_DATA_DIR)")
def test_every_feedparser_edgecase_goes_through(web):
    entries = _manifest()
    for number, entry in enumerate(entries):
        headers = {"Content-Type": "application/xml"}
        for line in entry.get("header", []):
            key, _sep, value = line.partition(":")
            headers[key.strip()] = value.strip()
        web.add(f"/f/{number}", (EDGECASES / entry["file"]).read_bytes(), headers=headers)
        SourceFactory(url=web.url(f"/f/{number}"), name=entry["file"])
    runs = sources_poll_due()
    assert len(runs) == len(entries)
    outcomes = {run.source.name: run.outcome for run in runs}
    unhandled = {name: o for name, o in outcomes.items() if o not in HANDLED}
    assert unhandled == {}, [PollRun.objects.get(source__name=n).error for n in unhandled]
    for run in runs:
        assert sum(run.counts.values()) >= run.stored
        assert ItemStatus.QUARANTINED not in run.counts, (run.source.name, run.problems)
    assert Item.objects.count() > 20
    # Script injection never reaches the stored text.
    assert not Item.objects.filter(summary__icontains="<script").exists()


@pytest.mark.django_db(transaction=True)
def test_two_workers_polling_at_once_store_each_item_once(web):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SELECT … FOR UPDATE SKIP LOCKED); set DATABASE_URL")
    shared = [{"title": f"Tin chung {i}", "link": f"http://127.0.0.1/s/{i}"} for i in range(30)]
    for n in range(6):
        own = [
            {"title": f"Tin riêng {n}-{i}", "link": f"http://127.0.0.1/o/{n}/{i}"} for i in range(5)
        ]
        web.add(f"/feed{n}", rss(*shared, *own), headers={"Content-Type": "application/rss+xml"})
        SourceFactory(url=web.url(f"/feed{n}"))
    results, errors = [], []
    barrier = threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            results.extend(sources_poll_due())
        except Exception as exc:  # reported below, never lost
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(run.source_id for run in results) == sorted(
        Source.objects.values_list("pk", flat=True)
    )
    assert Item.objects.count() == 30 + 6 * 5
    assert sum(run.counts.get(ItemStatus.STORED, 0) for run in results) == 60
