"""Retention: old raw responses, poll runs and pseudonymised social posts go, the rest stays.

The data is made by the real pipeline: a feed polled from a server on 127.0.0.1 and a CSV of
posts imported through `posts_import`; then part of it is aged by moving its timestamps back.
"""

import io
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from wagtail.models import ModelLogEntry

from lantoa.core.security.retention import (
    AUDIT_ACTION,
    RETENTION_TASK_NAME,
    retention_run,
)
from lantoa.monitoring import services as monitoring
from lantoa.monitoring.constants import SourceKind
from lantoa.monitoring.models import Item, PollRun, RawResponse, Source
from lantoa.monitoring.search.models import ItemSearchEntry
from lantoa.monitoring.search.selectors import search_items
from lantoa.monitoring.tests.conftest import Web
from lantoa.monitoring.tests.factories import rss

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(settings):
    settings.LANTOA_FETCH_ALLOW_PRIVATE = True
    settings.LANTOA_FETCH_HOST_INTERVAL = 0
    server = Web()
    yield server
    server.close()


def _posts_csv(prefix: str, count: int) -> bytes:
    rows = ["noi_dung,tai_khoan,lien_ket"]
    for n in range(count):
        rows.append(
            f'"{prefix} số {n}: Quy Nhơn biển xanh, gọi 0905 123 4{n:02d}",'
            f"@nguoidung{n},https://social.example/{prefix}/{n}"
        )
    return ("\n".join(rows) + "\n").encode()


def _age(queryset, field: str, days: int) -> None:
    queryset.update(**{field: timezone.now() - timedelta(days=days)})


@pytest.fixture
def monitored(web, settings):
    """Two polls of a feed and two imports of posts; the first of each made 400 days old."""
    settings.LANTOA_RETENTION_DAYS = {"raw": 30, "poll_runs": 60, "social_posts": 180}
    web.add(
        "/feed",
        rss(
            {"title": "Khai mạc lễ hội biển Quy Nhơn 2026", "link": "http://127.0.0.1/a/1"},
            {"title": "Gia Lai đón đoàn đầu tư Hàn Quốc", "link": "http://127.0.0.1/a/2"},
        ),
    )
    feed = monitoring.source_create(url=web.url("/feed"), name="Báo thử")
    old_run = monitoring.source_poll(source_id=feed.pk, claim=False)
    social = monitoring.source_create(url="", kind=SourceKind.SOCIAL_IMPORT, name="Trang cộng đồng")
    mapping = {"text": "noi_dung", "author": "tai_khoan", "url": "lien_ket"}
    old_import = monitoring.posts_import(
        source_id=social.pk, data=_posts_csv("cu", 5), filename="cu.csv", mapping=mapping
    )
    # Age the first poll and the first import, then make fresh ones.
    _age(PollRun.objects.filter(pk__in=[old_run.pk, old_import.pk]), "started_at", 400)
    _age(RawResponse.objects.all(), "fetched_at", 400)
    _age(Item.objects.all(), "fetched_at", 400)
    web.add("/feed", rss({"title": "Tin mới về Quy Nhơn hôm nay", "link": "http://127.0.0.1/b/1"}))
    monitoring.source_poll(source_id=feed.pk, claim=False)
    monitoring.posts_import(source_id=social.pk, data=_posts_csv("moi", 3), filename="moi.csv")
    return {"feed": feed, "social": social}


def test_retention_removes_only_what_is_past_its_period(monitored):
    feed, social = monitored["feed"], monitored["social"]
    assert Item.objects.filter(source=social).count() == 8
    assert search_items('"Quy Nhơn biển xanh"').filter(source=social).count() == 8
    old_raw = RawResponse.objects.filter(fetched_at__lt=timezone.now() - timedelta(days=30))
    counts_before = {
        "raw": old_raw.count(),
        "runs": PollRun.objects.filter(started_at__lt=timezone.now() - timedelta(days=60)).count(),
    }
    assert counts_before["raw"] >= 2 and counts_before["runs"] == 2
    feed_items = Item.objects.filter(source=feed).count()

    result = retention_run(batch_size=2)  # small batches: several rounds for each kind

    assert result.totals == {"social_posts": 5, "raw": counts_before["raw"], "poll_runs": 2}
    # Old posts gone (and out of the search index); new posts and all press items kept.
    assert list(
        Item.objects.filter(source=social).order_by("url").values_list("url", flat=True)
    ) == [f"https://social.example/moi/{n}" for n in range(3)]
    assert search_items('"Quy Nhơn biển xanh"').filter(source=social).count() == 3
    indexed = set(ItemSearchEntry.objects.values_list("rowid", flat=True))
    assert indexed == set(Item.objects.values_list("id", flat=True)), "an index row outlived"
    assert Item.objects.filter(source=feed).count() == feed_items
    assert not RawResponse.objects.filter(fetched_at__lt=timezone.now() - timedelta(days=30))
    assert RawResponse.objects.count() >= 2  # this week's copies stay
    assert PollRun.objects.count() == 2
    # One audit entry per source with the counts, and nothing of the content.
    entries = ModelLogEntry.objects.filter(action=AUDIT_ACTION)
    by_source = {int(e.object_id): e.data["counts"] for e in entries}
    assert by_source[social.pk]["social_posts"] == 5
    assert sum(c.get("raw", 0) for c in by_source.values()) == counts_before["raw"]
    assert sum(c.get("poll_runs", 0) for c in by_source.values()) == 2
    assert all(e.content_type == ContentType.objects.get_for_model(Source) for e in entries)
    assert "0905" not in str([e.data for e in entries])
    # A second run has nothing left to do and logs nothing.
    assert sum(retention_run().totals.values()) == 0
    assert entries.count() == len(by_source)


def test_a_post_cited_by_a_response_case_is_kept(monitored, demo_ward):
    from lantoa.core.models import User
    from lantoa.responses.services import case_open

    cited = Item.objects.get(url="https://social.example/cu/0")
    case_open(
        claim="Tin sai về biển Quy Nhơn", user=User.objects.get(username="admin"), items=[cited]
    )
    assert retention_run().totals["social_posts"] == 4
    assert Item.objects.filter(pk=cited.pk).exists()


def test_zero_days_keeps_everything(monitored, settings):
    settings.LANTOA_RETENTION_DAYS = {"raw": 0, "poll_runs": 0, "social_posts": 0}
    counts = (Item.objects.count(), RawResponse.objects.count(), PollRun.objects.count())
    assert sum(retention_run().totals.values()) == 0
    assert (Item.objects.count(), RawResponse.objects.count(), PollRun.objects.count()) == counts


def test_command_and_schedule(monitored):
    out = io.StringIO()
    call_command("retention", stdout=out)
    assert "bài đăng mạng xã hội (đã ẩn danh) (giữ 180 ngày): đã xóa 5" in out.getvalue()
    assert PeriodicTask.objects.filter(task=RETENTION_TASK_NAME, enabled=True).count() == 1


def test_nightly_task_runs_the_service(monitored):
    from lantoa.core.security.tasks import retention_nightly_task

    assert retention_nightly_task.apply().get()["social_posts"] == 5
