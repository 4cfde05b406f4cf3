"""Every install has its periodic work from `migrate` alone, never from the demo loader.

The test database is made by `migrate`, as a production install is (docs/operations.md); nothing
here loads the demo ward.
"""

import io
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from lantoa.celery import app
from lantoa.core.beat import schedules_declared, schedules_ensure
from lantoa.core.constants import Role
from lantoa.core.services import user_ensure
from lantoa.insights import office as insights_office
from lantoa.insights.constants import AlertKind, TopicKind
from lantoa.insights.models import AlertRule, BulletinRecipient, Topic, Watchlist
from lantoa.monitoring import office as monitoring_office
from lantoa.monitoring.constants import OutletType
from lantoa.monitoring.models import Item, Source
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
    feed, django_capture_on_commit_callbacks, client
):
    """The documented production steps (migrate, roles_ensure, setup_office, a monitor), then
    the beat entries' own tasks: the shipped watchlists, topics, rules and starter sources exist,
    a source on 127.0.0.1 is polled and the next morning's bulletin reaches the monitor role,
    as `bulletin_recipients.yaml` ships it. Then an administrator edits the recipients in the
    admin, `setup_office` runs again (an upgrade) and the next bulletin follows the edit."""
    call_command("roles_ensure", stdout=io.StringIO())
    call_command("setup_office", stdout=io.StringIO())
    assert {"Quy Nhơn", "Gia Lai", "Cơ quan lãnh đạo phường và tỉnh"} <= set(
        Watchlist.objects.values_list("name", flat=True)
    )
    quy_nhon = Watchlist.objects.get(name="Quy Nhơn")
    assert {"Quy Nhon", "归仁", "퀴논", "クイニョン"} <= set(quy_nhon.alias_list())
    sensitive = set(Topic.objects.filter(kind=TopicKind.SENSITIVE).values_list("name", flat=True))
    assert {"Dân chủ", "Nhân quyền", "Dân tộc", "Tôn giáo"} <= sensitive
    assert set(AlertRule.objects.values_list("kind", flat=True)) == set(AlertKind.values)
    starters = Source.objects.filter(is_active=True)
    assert {source.language for source in starters} >= {"vi", "en", "zh", "ko", "ja", "fr"}
    assert starters.filter(outlet_type=OutletType.FOREIGN_PRESS).exists()
    starters.update(is_active=False)  # a test never reaches outside 127.0.0.1
    shipped = BulletinRecipient.objects.get()
    assert (shipped.role, shipped.is_active) == (Role.MONITOR, True)

    user_ensure(
        username="theodoi",
        password="mat-khau-dai-2026",
        full_name="Cán bộ theo dõi",
        email="theodoi@example.vn",
        roles=(Role.MONITOR,),
    )
    user_ensure(
        username="lanhdao",
        password="mat-khau-dai-2026",
        full_name="Lãnh đạo phường",
        email="lanhdao@example.vn",
        roles=(Role.LEADER,),
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

    for name in ("monitoring: thu thập các nguồn đến hạn", "insights: bản tin tổng hợp dư luận"):
        entry = PeriodicTask.objects.get(name=name)
        with django_capture_on_commit_callbacks(execute=True):  # analysis runs after the commit
            app.tasks[entry.task].apply(kwargs={}).get()

    item = Item.objects.get(title="Quy Nhơn đón đoàn du khách quốc tế")
    assert item.watchlist_matches.filter(watchlist=quy_nhon).exists()
    assert item.analysis.topic.name == "Du lịch"  # the shipped topic's query
    (message,) = [m for m in mail.outbox if quy_nhon.name + "," in m.subject]
    assert message.to == ["theodoi@example.vn"]  # the leader (no monitor role) is not on it
    assert "Quy Nhơn đón đoàn du khách quốc tế" in message.body

    # The administrator's edits in the admin: the monitor role off, the leaders' role and the
    # secretariat's outside address on.
    admin = user_ensure(
        username="quantri", password="mat-khau-dai-2026", full_name="Quản trị", is_superuser=True
    )
    client.force_login(admin)
    edit = reverse("insights_bulletinrecipient:edit", args=[shipped.pk])
    page = client.get(edit)
    assert "Nơi nhận bản tin" in page.text
    response = client.post(edit, {"name": shipped.name, "role": Role.MONITOR})  # unticked
    assert response.status_code == 302, response.text
    add = reverse("insights_bulletinrecipient:add")
    both = {"name": "Văn phòng", "role": Role.LEADER, "email": "vanphong@example.vn"}
    refused = client.post(add, {**both, "is_active": "on"})
    assert "Chọn đúng một trong: vai trò, tài khoản hoặc địa chỉ thư." in refused.text
    assert BulletinRecipient.objects.count() == 1  # nothing half-saved
    for fields in (
        {"name": "Văn phòng", "email": both["email"]},
        {"name": "Lãnh đạo", "role": Role.LEADER},
    ):
        response = client.post(add, {**fields, "is_active": "on"})
        assert response.status_code == 302, response.text

    call_command("setup_office", stdout=io.StringIO())  # an upgrade: the edit wins
    shipped.refresh_from_db()
    assert shipped.is_active is False and BulletinRecipient.objects.count() == 3
    mail.outbox.clear()
    bulletin_task = PeriodicTask.objects.get(name="insights: bản tin tổng hợp dư luận").task
    app.tasks[bulletin_task].apply(kwargs={}).get()
    (message,) = [m for m in mail.outbox if quy_nhon.name + "," in m.subject]
    assert message.to == ["lanhdao@example.vn", "vanphong@example.vn"]


def test_setup_office_again_keeps_what_an_administrator_edited():
    call_command("setup_office", stdout=io.StringIO())
    quy_nhon = Watchlist.objects.get(name="Quy Nhơn")
    quy_nhon.aliases = "Quy Nhơn"
    quy_nhon.is_active = False
    quy_nhon.save()
    AlertRule.objects.filter(kind=AlertKind.SPIKE).update(sensitivity=5, is_active=False)
    Topic.objects.filter(name="Tôn giáo").delete()
    counts = Watchlist.objects.count(), AlertRule.objects.count(), Source.objects.count()

    out = io.StringIO()
    call_command("setup_office", stdout=out)

    quy_nhon.refresh_from_db()
    assert (quy_nhon.aliases, quy_nhon.is_active) == ("Quy Nhơn", False)
    assert not AlertRule.objects.filter(kind=AlertKind.SPIKE, is_active=True).exists()
    assert counts == (Watchlist.objects.count(), AlertRule.objects.count(), Source.objects.count())
    assert Topic.objects.filter(name="Tôn giáo").exists()  # a deleted entry comes back
    assert "Chủ đề: 1 tạo mới" in out.getvalue()


def test_a_mistake_in_a_shipped_file_is_named_and_nothing_is_saved(monkeypatch, tmp_path):
    (tmp_path / "config").mkdir()
    topics = Path(insights_office.__file__).parent / "config" / "topics.yaml"
    (tmp_path / "config" / "topics.yaml").write_bytes(topics.read_bytes())
    (tmp_path / "config" / "alert_rules.yaml").write_text(
        "- name: Quy tắc hỏng\n  kind: match\n  watchlist: Không có danh sách này\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(insights_office, "__file__", str(tmp_path / "office.py"))
    monkeypatch.setattr(
        insights_office, "watchlists_setup", lambda: Watchlist.objects.create(name="x") and None
    )
    with pytest.raises(CommandError) as refused:
        call_command("setup_office", stdout=io.StringIO())
    assert str(refused.value) == (
        "alert_rules.yaml, mục 1 (Quy tắc hỏng): "
        "không có danh sách theo dõi tên “Không có danh sách này”."
    )
    # The whole run is one transaction: the starter sources and topics loaded before are gone too.
    assert not (Watchlist.objects.exists() or Source.objects.exists() or Topic.objects.exists())


def test_a_starter_source_of_a_country_not_on_the_list_is_named_and_nothing_is_saved(
    monkeypatch, tmp_path
):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "sources.yaml").write_text(
        "- name: Báo Nhật\n  url: https://example.jp/rss\n  outlet_type: foreign_press\n"
        "  country: jp\n"
        "- name: Báo lạ\n  url: https://example.org/rss\n  outlet_type: foreign_press\n"
        "  country: JPN\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(monitoring_office, "__file__", str(tmp_path / "office.py"))
    with pytest.raises(CommandError) as refused:
        call_command("setup_office", stdout=io.StringIO())
    assert str(refused.value) == (
        "sources.yaml, mục 2 (Báo lạ): Mã quốc gia không hợp lệ: JPN "
        "(hai chữ cái theo ISO 3166, ví dụ VN, JP, US)"
    )
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "- name: Nhóm lạ\n  role: Quản lý\n",
            "bulletin_recipients.yaml, mục 1 (Nhóm lạ): “role” = “Quản lý” không hợp lệ; "
            "được dùng: Lãnh đạo, Cán bộ theo dõi, Biên tập viên, Phản ứng nhanh, Báo cáo đơn vị.",
        ),
        (
            "- name: Hai nơi\n  role: Lãnh đạo\n  email: vanphong@example.vn\n",
            "bulletin_recipients.yaml, mục 1 (Hai nơi): "
            "cần đúng một trong “role”, “user”, “email”.",
        ),
        (
            "- name: Chánh văn phòng\n  user: khongco\n",
            "bulletin_recipients.yaml, mục 1 (Chánh văn phòng): "
            "không có tài khoản tên đăng nhập “khongco”.",
        ),
        (
            "- name: Văn phòng\n  email: vanphong@\n",
            "bulletin_recipients.yaml, mục 1 (Văn phòng): địa chỉ thư “vanphong@” không hợp lệ.",
        ),
    ],
)
def test_a_bad_bulletin_recipient_is_named_and_nothing_is_saved(
    monkeypatch, tmp_path, entry, message
):
    (tmp_path / "config").mkdir()
    shipped = Path(insights_office.__file__).parent / "config"
    for name in ("watchlists.yaml", "topics.yaml", "alert_rules.yaml"):
        (tmp_path / "config" / name).write_bytes((shipped / name).read_bytes())
    (tmp_path / "config" / "bulletin_recipients.yaml").write_text(
        "- name: Cán bộ theo dõi\n  role: Cán bộ theo dõi\n" + entry,
        encoding="utf-8",
    )
    monkeypatch.setattr(insights_office, "__file__", str(tmp_path / "office.py"))
    with pytest.raises(CommandError) as refused:
        call_command("setup_office", stdout=io.StringIO())
    assert str(refused.value) == message.replace("mục 1", "mục 2")
    assert not (BulletinRecipient.objects.exists() or Watchlist.objects.exists())
