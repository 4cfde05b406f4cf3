"""Every install has its periodic work from `migrate` alone, never from the demo loader.

The test database is made by `migrate`, as a production install is (docs/operations.md); nothing
here loads the demo ward.
"""

from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from lantoa.celery import app
from lantoa.core.beat import schedules_declared, schedules_ensure
from lantoa.core.constants import Role
from lantoa.core.services import roles_ensure, user_ensure
from lantoa.insights.models import Watchlist
from lantoa.monitoring.models import Item
from lantoa.monitoring.services import source_create
from lantoa.monitoring.tests.conftest import Web
from lantoa.monitoring.tests.factories import rss

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_as_a_worker_has_them():
    """A worker imports every app's tasks module at start; the test process does the same."""
    app.loader.import_default_modules()


# What the office needs running on day one (DESIGN: polling, analysis, bulletin, spikes, digests,
# retraining, follow-up of tasks, case deadlines, scheduled publishing, retention, orphan files).
EXPECTED_TASKS = {
    "lantoa.monitoring.tasks.sources_poll_due_task",
    "lantoa.monitoring.tasks.items_resume_task",
    "lantoa.insights.tasks.bulletin_send_task",
    "lantoa.insights.tasks.digests_hourly_task",
    "lantoa.insights.tasks.digests_daily_task",
    "lantoa.insights.tasks.spikes_detect_task",
    "lantoa.insights.tasks.source_health_task",
    "lantoa.insights.tasks.classifier_retrain_all_task",
    "lantoa.plans.tasks.followup_daily_task",
    "lantoa.responses.tasks.cases_check_deadlines_task",
    "lantoa.promotion.tasks.pages_publish_scheduled_task",
    "lantoa.core.security.tasks.retention_nightly_task",
    "lantoa.core.tasks.orphan_files_report_task",
}


def test_migrate_alone_creates_every_schedule_each_naming_a_registered_task():
    entries = {
        entry.name: entry for entry in PeriodicTask.objects.exclude(name__startswith="celery")
    }
    assert {entry.task for entry in entries.values()} >= EXPECTED_TASKS
    for schedule in schedules_declared():
        entry = entries[schedule.name]
        assert entry.task == schedule.task and entry.task in app.tasks, schedule.name
        assert entry.enabled
    bulletin = entries["insights: bản tin tổng hợp dư luận"]
    assert (bulletin.crontab.hour, str(bulletin.crontab.timezone)) == ("6", "Asia/Ho_Chi_Minh")


def test_ensuring_again_keeps_what_an_administrator_changed_and_follows_a_renamed_task():
    assert schedules_ensure() == 0  # idempotent
    poll = PeriodicTask.objects.get(task="lantoa.monitoring.tasks.sources_poll_due_task")
    poll.enabled = False
    poll.save()
    retrain = PeriodicTask.objects.get(name="insights: huấn luyện lại hằng tuần")
    retrain.task = "lantoa.insights.tasks.classifier_retrain_all"  # a name before a rename
    retrain.save()
    PeriodicTask.objects.filter(name="Quảng bá: đăng các trang đã hẹn giờ").delete()

    assert schedules_ensure() == 1  # only the deleted entry comes back
    poll.refresh_from_db()
    retrain.refresh_from_db()
    assert poll.enabled is False
    assert retrain.task == "lantoa.insights.tasks.classifier_retrain_all_task"
    assert PeriodicTask.objects.filter(name="Quảng bá: đăng các trang đã hẹn giờ").count() == 1


@pytest.fixture
def feed(settings):
    settings.LANTOA_FETCH_ALLOW_PRIVATE = True  # the test's own server on 127.0.0.1
    settings.LANTOA_FETCH_HOST_INTERVAL = 0
    server = Web()
    yield server
    server.close()


def test_a_production_install_polls_by_its_schedule_and_mails_the_bulletin(
    feed, django_capture_on_commit_callbacks
):
    """The documented production steps (migrate, roles_ensure, a user, a source, a watchlist),
    then the beat entries' own tasks: the due source is polled from 127.0.0.1 and the next
    morning's bulletin reaches the monitor."""
    roles_ensure()
    user_ensure(
        username="theodoi",
        password="mat-khau-dai-2026",
        full_name="Cán bộ theo dõi",
        email="theodoi@example.vn",
        roles=(Role.MONITOR,),
    )
    yesterday = format_datetime(timezone.now() - timedelta(days=1))
    feed.add(
        "/rss",
        rss(
            {
                "title": "Quy Nhơn đón đoàn du khách quốc tế",
                "link": feed.url("/a/1"),
                "description": "Phường Quy Nhơn đón đoàn du khách.",
                "pubDate": yesterday,
            }
        ),
        headers={"Content-Type": "application/rss+xml"},
    )
    feed.add("/a/1", b"", status=404)
    source_create(url=feed.url("/rss"), name="Báo thử")
    Watchlist.objects.create(name="Quy Nhơn", query='"Quy Nhơn"')

    for name in ("monitoring: thu thập các nguồn đến hạn", "insights: bản tin tổng hợp dư luận"):
        entry = PeriodicTask.objects.get(name=name)
        with django_capture_on_commit_callbacks(execute=True):  # analysis runs after the commit
            app.tasks[entry.task].apply(kwargs={}).get()

    assert Item.objects.filter(title="Quy Nhơn đón đoàn du khách quốc tế").exists()
    (message,) = mail.outbox
    assert message.to == ["theodoi@example.vn"]
    assert "Quy Nhơn đón đoàn du khách quốc tế" in message.body
