"""The latency benchmark's machinery (`bench/bench_latency.py`, issue 21), and the schedule fix it
led to.

The parts are tested on both databases: the feed server through a real poll, the SMTP sink through
Django's SMTP backend, the webhook sink through the product's guarded POST, the migration of the
due-sources beat entry. The whole chain (real beat and worker on the embedded broker, two entries
from the feed to both sinks) needs a database the worker can open too, so it runs on PostgreSQL
only; it asserts that every step was recorded, in order, never how long a step took.
"""

import importlib
import random
import time

import pytest
from django.core.mail import send_mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from bench.bench_latency import percentile, step_rows
from bench.latency_run import (
    MOMENTS,
    POLL_DUE_TASK,
    RunResult,
    Timeline,
    measure,
    office_setup,
    poll_tick_seconds,
    source_add,
)
from bench.latency_servers import FeedServer, SmtpSink, WebhookSink
from lantoa.core.beat import schedules_ensure
from lantoa.monitoring import services
from lantoa.monitoring.fetcher import make_client, post_json
from lantoa.monitoring.models import Item
from lantoa.monitoring.schedules import POLL_DUE_EVERY_SECONDS


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 21)]  # 1 … 20
    assert percentile(values, 0.5) == 10.0
    assert percentile(values, 0.95) == 19.0
    assert percentile([7.0], 0.95) == 7.0


def test_a_timeline_is_in_order_only_when_every_step_follows_the_one_before():
    moments = dict.fromkeys((key for key, _label in MOMENTS), 0.0)
    ordered = Timeline("a", {**moments, "polled": 1, "stored": 2, "analysed": 3, "raised": 4,
                             "email": 5, "webhook": 6})  # fmt: skip
    assert ordered.complete() and ordered.in_order()
    assert not Timeline("b", {**ordered.moments, "webhook": None}).in_order()
    assert not Timeline("c", {**ordered.moments, "stored": 0.5}).in_order()  # stored before poll
    assert not Timeline("d", {**ordered.moments, "email": 3.5}).in_order()  # mail before alert
    rows = step_rows(RunResult("embedded", 10, [ordered], [], 1.0, None))
    assert rows[0][1:] == ["1.0", "1.0", "1.0", "1"]  # published → poll started
    assert rows[-1][1:] == ["6.0", "6.0", "6.0", "1"]  # end to end, webhook


def test_the_feed_server_is_polled_like_an_outlet(db):
    with FeedServer() as feed:
        source = source_add(feed, label="test")
        first = feed.publish(token="T-001", title="Quy Nhơn đón khách [T-001]", summary="Tin một.")
        run = services.source_poll(source_id=source.pk)
        assert run.stored == 1
        item = Item.objects.get(source=source)
        assert item.title == first.title and item.url == first.link
        # Nothing new: the conditional GET is answered 304.
        assert services.source_poll(source_id=source.pk).stored == 0
        assert [status for _at, path, status in feed.requests if path == "/feed.xml"] == [200, 304]
        assert len(feed.polls()) == 2


def test_the_smtp_sink_receives_what_django_sends(settings):
    with SmtpSink() as smtp:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        before = time.time()
        send_mail("[Quy Nhơn] Tin mới [T-002]", "Nội dung tiếng Việt", None, ["a@localhost"])
        assert len(smtp.received) == 1
        message = smtp.received[0]
        assert message.subject == "[Quy Nhơn] Tin mới [T-002]"
        assert message.text.strip() == "Nội dung tiếng Việt"
        assert message.at >= before


def test_the_webhook_sink_receives_the_guarded_post():
    with WebhookSink() as hook, make_client() as client:
        result = post_json(client, hook.url, body='{"title": "Cảnh báo [T-003]"}'.encode())
        assert result.ok and result.status == 200
        assert [m.payload for m in hook.received] == [{"title": "Cảnh báo [T-003]"}]


# --- the schedule fix ---------------------------------------------------------------------------


def test_a_new_install_looks_for_due_sources_every_ten_seconds(db):
    schedules_ensure()
    assert POLL_DUE_EVERY_SECONDS == 10
    assert poll_tick_seconds() == POLL_DUE_EVERY_SECONDS


def test_the_migration_moves_the_shipped_minute_and_leaves_an_edited_entry_alone(db):
    migration = importlib.import_module(
        "lantoa.monitoring.migrations.0009_poll_due_every_ten_seconds"
    )
    apps = MigrationExecutor(connection).loader.project_state().apps
    schedules_ensure()
    entry = PeriodicTask.objects.get(task=POLL_DUE_TASK)
    minute, _created = IntervalSchedule.objects.get_or_create(every=60, period="seconds")
    entry.interval = minute
    entry.save()
    migration.forwards(apps, None)
    entry.refresh_from_db()
    assert entry.interval.every == 10
    migration.backwards(apps, None)
    entry.refresh_from_db()
    assert entry.interval.every == 60
    # An administrator chose five minutes: the migration keeps it.
    five, _created = IntervalSchedule.objects.get_or_create(every=300, period="seconds")
    entry.interval = five
    entry.save()
    migration.forwards(apps, None)
    entry.refresh_from_db()
    assert entry.interval.every == 300


# --- the whole chain, through the real worker and beat ------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_entries_go_from_the_feed_to_both_sinks_through_worker_and_beat(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker opens the test database: set DATABASE_URL=postgres://…")
    from bench.latency_run import database_url

    settings.LANTOA_FETCH_ALLOW_PRIVATE = True  # this process checks nothing, the worker does
    schedules_ensure()
    with SmtpSink() as smtp, WebhookSink() as webhook:
        office_setup(webhook_url=webhook.url)
        result = measure(
            broker="embedded",
            database=database_url(connection.settings_dict),
            smtp=smtp,
            webhook=webhook,
            count=2,
            window=0,
            texts=[("Phường đón đoàn khách", "Tin thử một."), ("Lễ hội biển", "Tin thử hai.")],
            rng=random.Random(21),
            warm_up=False,
            drain_timeout=120,
            work_dir=tmp_path,
            say=lambda message: None,
        )
        assert len(result.timelines) == 2
        for timeline in result.timelines:
            assert timeline.complete(), (timeline, (result.work_dir / "worker.log").read_text())
            assert timeline.in_order(), timeline
        # Each entry reached each sink once.
        for sink in (smtp, webhook):
            tokens = [t.token for t in result.timelines]
            hits = [m for m in sink.received for token in tokens if token in m.subject]
            assert len(hits) == 2
    assert result.feed_polls  # the poll came from beat's schedule, not from the test
