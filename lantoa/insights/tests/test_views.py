"""Admin pages, demo data, bulletin, report section, as a monitor of the demo ward sees them."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from docx import Document

from lantoa.core.reporting import ReportContext, collect_sections

from .. import demo
from ..bulletin import bulletin_build, bulletins_send
from ..constants import Tone
from ..models import AlertRule, ClassifierModel, ItemAnalysis, Label, Topic, Watchlist
from ..schedules import SCHEDULES
from ..services import items_analyse, label_set
from .factories import SourceFactory, indexed_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward(demo_ward):
    demo.load(log=lambda m: None)
    return demo_ward


@pytest.fixture
def monitor_client(client, ward):
    from lantoa.core.models import User

    client.force_login(User.objects.get(username="theodoi"))
    return client


def test_demo_is_idempotent_and_schedules_the_bulletin(ward):
    first = (
        Watchlist.objects.count(),
        Topic.objects.count(),
        AlertRule.objects.count(),
        PeriodicTask.objects.filter(name__startswith="insights").count(),
    )
    demo.load(log=lambda m: None)
    again = (
        Watchlist.objects.count(),
        Topic.objects.count(),
        AlertRule.objects.count(),
        PeriodicTask.objects.filter(name__startswith="insights").count(),
    )
    assert first == again and first[3] == len(SCHEDULES)  # every entry of schedules.py
    quy_nhon = Watchlist.objects.get(name="Quy Nhơn")
    assert {"归仁", "퀴논", "クイニョン", "Qui Nhơn", "Quy Nhon"} <= set(quy_nhon.alias_list())
    assert set(Watchlist.objects.get(name="Gia Lai").alias_list()) >= {"嘉莱", "자라이", "ザライ"}
    task = PeriodicTask.objects.get(task="lantoa.insights.tasks.bulletin_send_task")
    assert task.crontab.hour == "6" and str(task.crontab.timezone) == "Asia/Ho_Chi_Minh"
    assert Topic.objects.filter(kind="sensitive").count() == 5  # with the shipped one


def test_multilingual_aliases_tag_items_with_highlighted_passage(ward):
    items = indexed_items(
        {"title": "归仁市旅游", "language": "zh"},
        {"title": "퀴논 해변 축제", "language": "ko"},
        {"title": "Hội nghị", "text": "Đoàn công tác thăm Qui Nhơn và Ghềnh Ráng."},
    )
    items_analyse(item_ids=[i.id for i in items])
    quy_nhon = Watchlist.objects.get(name="Quy Nhơn")
    assert set(quy_nhon.matches.values_list("item_id", flat=True)) == {i.id for i in items}
    passage = quy_nhon.matches.get(item=items[2]).passage
    assert "<mark>Qui Nhơn</mark>" in passage


def test_queue_label_keys_and_retrain_from_admin(
    monitor_client, django_capture_on_commit_callbacks
):
    items = indexed_items(
        *[{"title": f"Du khách khen Quy Nhơn đẹp {n}"} for n in range(3)],
        *[{"title": f"Người dân bức xúc vì ngập {n}"} for n in range(3)],
    )
    items_analyse(item_ids=[i.id for i in items])
    page = monitor_client.get(reverse("insights_queue"))
    assert page.status_code == 200
    content = page.content.decode()
    assert 'data-key="1"' in content and 'data-key="3"' in content
    first = page.context["item"]
    response = monitor_client.post(
        reverse("insights_label_set", args=[first.pk]), {"kind": "tone", "value": "positive"}
    )
    assert response.status_code == 302
    assert Label.objects.get(item=first).value == "positive"
    assert monitor_client.get(reverse("insights_queue")).context["item"] != first
    for item in items:
        label_set(
            item=item, kind="tone", value=Tone.POSITIVE if "khen" in item.title else Tone.NEGATIVE
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = monitor_client.post(reverse("insights_train"), {"task": "tone"})
    assert response.status_code == 302
    job_page = monitor_client.get(response.url)
    model = ClassifierModel.objects.get()
    assert job_page.context["job"].status == "done"
    inspect = monitor_client.get(reverse("insights_model:inspect", args=[model.pk]))
    assert "data-model-metrics" in inspect.content.decode()
    status = monitor_client.get(response.url + "?format=json").json()
    assert status["progress"] == 100 and status["model"] == str(model)


def test_retraining_asked_while_the_broker_is_down_says_so(
    monitor_client, broker_down, django_capture_on_commit_callbacks
):
    from lantoa.core.tasks import QUEUE_DOWN

    with django_capture_on_commit_callbacks(execute=True):
        response = monitor_client.post(reverse("insights_train"), {"task": "tone"})
    assert response.status_code == 302
    status = monitor_client.get(response.url + "?format=json").json()
    assert status["status"] == "failed" and QUEUE_DOWN in status["message"]
    assert not ClassifierModel.objects.exists()


def test_trends_page_has_forecast_and_local_chartjs(monitor_client):
    now = timezone.now()
    items = indexed_items(
        *[
            {"title": f"Quy Nhơn tin {n}", "published_at": now - timedelta(days=7 * (n % 4))}
            for n in range(12)
        ]
    )
    items_analyse(item_ids=[i.id for i in items])
    page = monitor_client.get(reverse("insights_trends"))
    content = page.content.decode()
    assert page.status_code == 200
    assert "/static/vendor/chartjs/chart.min.js" in content
    assert not re.search(r'<script[^>]+src="(https?:)?//', content)  # nothing from a CDN
    forecast = page.context["data"]["forecast"]
    assert forecast["refused"] and "cần ít nhất 8 tuần" in content  # four weeks of items only
    assert "khoảng 95" not in content
    assert sum(page.context["data"]["total"]) == 12


def test_bulletin_docx_html_and_email(monitor_client, ward):
    yesterday = timezone.localtime() - timedelta(days=1)
    foreign = SourceFactory(outlet_type="foreign_press", name="Le Monde")
    items = indexed_items(
        {"title": "Quy Nhơn đón khách du lịch kỷ lục", "published_at": yesterday},
        {
            "title": "Quy Nhơn đón khách du lịch kỷ lục, khách sạn kín phòng",
            "published_at": yesterday,
        },
        {
            "title": "Quy Nhon, la perle du centre",
            "source": foreign,
            "language": "fr",
            "published_at": yesterday,
        },
        {"title": "Quy Nhơn: bài viết xuyên tạc về tôn giáo", "published_at": yesterday},
    )
    items_analyse(item_ids=[i.id for i in items])
    watchlist = Watchlist.objects.get(name="Quy Nhơn")
    bulletin = bulletin_build(watchlist=watchlist, day=yesterday.date())
    assert bulletin.total == 4
    assert bulletin.stories[0]["items"] == 2
    assert [i.title for i in bulletin.foreign] == ["Quy Nhon, la perle du centre"]
    assert [a.topic.name for a in bulletin.sensitive] == ["Tôn giáo"]
    response = monitor_client.get(
        reverse("insights_bulletin") + f"?watchlist={watchlist.pk}&format=docx"
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Bản tin tổng hợp dư luận: Quy Nhơn" in text and "Le Monde" in text
    sent = bulletins_send(day=yesterday.date(), recipients=["lanhdao@example.org"])
    assert sent == Watchlist.objects.filter(is_active=True).count()
    message = next(m for m in mail.outbox if "Quy Nhơn," in m.subject)
    assert message.attachments[0][0].endswith(".docx")
    assert "xuyên tạc" in message.alternatives[0][0]
    # The admin page: the bulletin of the chosen day, styled as the admin, and the history.
    page = monitor_client.get(
        reverse("insights_bulletin") + f"?watchlist={watchlist.pk}&day={yesterday.date()}"
    ).content.decode()
    assert "Quy Nhon, la perle du centre" in page and "Le Monde" in page
    history = page.split("data-bulletin-history", 1)[1]
    assert yesterday.date().isoformat() in history and "Quy Nhơn" in history


def test_report_section_figures_match_the_data(ward):
    now = timezone.now()
    items = indexed_items(
        {"title": "Quy Nhơn phát triển bền vững", "published_at": now},
        {"title": "Gia Lai thiệt hại do bão", "published_at": now},
        {"title": "Tin khác", "published_at": now},
    )
    items_analyse(item_ids=[i.id for i in items])
    section = next(
        s
        for s in collect_sections(ReportContext.for_year(timezone.localdate(now).year))
        if s.key == "insights"
    )
    tones = dict(ItemAnalysis.objects.values_list("item__title", "tone"))
    assert section.figures["items"] == 3
    assert section.figures["watchlist_matches"] == 2
    assert section.figures["negative"] == list(tones.values()).count("negative") == 1
    known = len(tones)
    assert section.figures["positive_neutral_share"] == round(100 * 2 / known, 1)


def test_dashboard_panel_and_admin_lists(monitor_client):
    home = monitor_client.get("/admin/")
    assert "Phân tích dư luận" in home.content.decode()
    for name in (
        "insights_watchlist",
        "insights_topic",
        "insights_alertrule",
        "insights_alert",
        "insights_label",
        "insights_model",
        "insights_story",
    ):
        assert monitor_client.get(reverse(f"{name}:index")).status_code == 200


def test_source_health_flags_a_silent_feed(ward):
    from ..selectors import source_health

    now = timezone.now()
    silent = SourceFactory(name="Báo im lặng")
    steady = SourceFactory(name="Báo đều đặn")
    specs = []
    for day in range(1, 29):
        specs += [
            {
                "title": f"a{day}-{n}",
                "source": silent,
                "published_at": now - timedelta(days=day, hours=2),
            }
            for n in range(3)
        ]
        specs += [
            {
                "title": f"b{day}",
                "source": steady,
                "published_at": now - timedelta(days=day, hours=2),
            }
        ]
    specs.append({"title": "b0", "source": steady, "published_at": now - timedelta(hours=2)})
    indexed_items(*specs)
    flagged = source_health(now=now)
    assert [(row["source"].name, row["kind"], row["current"]) for row in flagged] == [
        ("Báo im lặng", "drop", 0)
    ]
