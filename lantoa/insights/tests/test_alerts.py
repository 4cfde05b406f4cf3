"""Alerts: one spike alert per burst to a real webhook, digests, sensitive and foreign alerts."""

import random
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ..constants import AlertKind, Channel, Frequency, Tone, TopicKind, WebhookFormat
from ..models import Alert
from ..services import alert_digests_send, items_analyse, label_set, spikes_detect
from ..webhooks import webhook_body
from .factories import (
    AlertRuleFactory,
    SourceFactory,
    TopicFactory,
    WatchlistFactory,
    indexed_items,
)

pytestmark = pytest.mark.django_db


def _last_half_past_noon():
    """12:30 local time, today or yesterday, whichever has passed: a spike alert is deduplicated
    per local day, and tests look up to two hours later on the same day (from late evening,
    `now + 2 h` would be tomorrow)."""
    local = timezone.localtime()
    noon = local.replace(hour=12, minute=30, second=0, microsecond=0)
    return noon if noon <= local else noon - timedelta(days=1)


NOW = _last_half_past_noon()
BACKGROUND = [1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1, 2, 1]  # items a day over the trailing 14 days


def _background(watchlist):
    specs = []
    for day, count in enumerate(BACKGROUND, start=1):
        for n in range(count):
            specs.append(
                {
                    "title": f"Quy Nhơn: tin thường ngày {day}-{n}",
                    "published_at": NOW - timedelta(days=day, hours=3),
                }
            )
    items = indexed_items(*specs)
    items_analyse(item_ids=[i.id for i in items], raise_alerts=False)
    return items


def test_burst_fires_exactly_one_spike_alert_to_webhook(
    webhook, django_capture_on_commit_callbacks
):
    watchlist = WatchlistFactory()
    _background(watchlist)
    rule = AlertRuleFactory(
        kind=AlertKind.SPIKE,
        watchlist=watchlist,
        channel=Channel.WEBHOOK,
        target=webhook.url,
        sensitivity=3.0,
        throttle_minutes=60,
    )
    burst = indexed_items(
        *[
            {
                "title": f"Bão số 9 đổ bộ Quy Nhơn, sạt lở ở Ghềnh Ráng (bài {n})",
                "published_at": NOW - timedelta(hours=n % 5, minutes=n + 1),
            }
            for n in range(8)
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        items_analyse(item_ids=[i.id for i in burst], raise_alerts=False)
        first = spikes_detect(now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        again = spikes_detect(now=NOW + timedelta(minutes=5))
        later = spikes_detect(now=NOW + timedelta(hours=2))  # past the throttle, same day
    assert len(first) == 1 and again == [] and later == []
    assert Alert.objects.filter(rule=rule).count() == 1
    assert Alert.objects.get().delivery_error == ""
    assert len(webhook.received) == 1
    posted = webhook.received[0]
    assert posted["content_type"].startswith("application/json")
    body = posted["body"]
    assert body["kind"] == "spike"
    assert body["scope"] == "Quy Nhơn"
    assert body["item_count"] == 8
    assert {i["id"] for i in body["items"]} == {i.id for i in burst}
    assert body["spike"]["current"] == 8
    mean = sum(BACKGROUND) / 14
    assert body["spike"]["mean"] == pytest.approx(mean, abs=1e-3)
    assert body["spike"]["threshold"] > mean and body["spike"]["window"] == "1d/14d"
    # What drove it: the story and its words, not the background's.
    assert "bão" in [t["label"] for t in body["explanation"]["terms"]]
    assert "quy" not in [t["label"] for t in body["explanation"]["terms"]]  # in every item
    assert Alert.objects.get().delivered_at is not None


def test_quiet_day_raises_nothing():
    watchlist = WatchlistFactory()
    _background(watchlist)
    AlertRuleFactory(kind=AlertKind.SPIKE, watchlist=watchlist)
    items = indexed_items({"title": "Quy Nhơn hôm nay", "published_at": NOW - timedelta(hours=1)})
    items_analyse(item_ids=[i.id for i in items], raise_alerts=False)
    assert spikes_detect(now=NOW) == []


def test_unscoped_rule_alerts_on_a_story_spreading_fast():
    """Ten items a day, every day: the whole stream is flat; but six copies of one story today,
    never seen before, are a spike of that story."""
    # Everyday items about unrelated things: each its own story.
    rng = random.Random(7)
    words = lambda: " ".join("".join(rng.choices("bcdghklmnpqrstvx", k=6)) for _ in range(4))  # noqa: E731
    specs = [
        {
            "title": f"Tin {words()}",
            "published_at": NOW - timedelta(days=day, hours=3),
        }
        for day in range(1, 15)
        for n in range(10)
    ]
    specs += [
        {"title": f"Tin {words()}", "published_at": NOW - timedelta(hours=3)} for n in range(4)
    ]
    copies = [
        {
            "title": f"Cảng Quy Nhơn đón tàu container lớn nhất từ trước tới nay (bản {n})",
            "published_at": NOW - timedelta(hours=1, minutes=n),
        }
        for n in range(6)
    ]
    items = indexed_items(*specs, *copies)
    items_analyse(item_ids=[i.id for i in items], raise_alerts=False)
    rule = AlertRuleFactory(kind=AlertKind.SPIKE, sensitivity=3.0)
    alerts = spikes_detect(now=NOW)
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert.rule == rule
    assert alert.payload["scope"].startswith("chuỗi tin: Cảng Quy Nhơn")
    assert alert.payload["spike"]["current"] == 6 and alert.payload["spike"]["mean"] == 0
    assert {i.title for i in alert.items.all()} == {c["title"] for c in copies}
    assert spikes_detect(now=NOW + timedelta(minutes=5)) == []  # same story, same day


def test_social_spike_uses_hours():
    watchlist = WatchlistFactory()
    social = SourceFactory(outlet_type="social_page")
    specs = [
        {
            "title": f"Quy Nhơn bài đăng {h}",
            "published_at": NOW - timedelta(hours=h),
            "source": social,
        }
        for h in range(2, 13)
    ]
    specs += [
        {
            "title": f"Quy Nhơn mất điện {n}",
            "published_at": NOW - timedelta(minutes=5 + n),
            "source": social,
        }
        for n in range(5)
    ]
    items = indexed_items(*specs)
    items_analyse(item_ids=[i.id for i in items], raise_alerts=False)
    AlertRuleFactory(kind=AlertKind.SPIKE, watchlist=watchlist)
    alerts = spikes_detect(now=NOW)
    assert len(alerts) == 1
    assert alerts[0].payload["spike"]["window"] == "1h/12h"
    assert alerts[0].payload["spike"]["current"] == 5


def test_digest_groups_matches_into_one_email():
    gia_lai = WatchlistFactory(name="Gia Lai", aliases="Gia Lai\n嘉莱\n자라이\nザライ")
    quy_nhon = WatchlistFactory()
    AlertRuleFactory(
        kind=AlertKind.MATCH,
        frequency=Frequency.DAILY,
        channel=Channel.EMAIL,
        target="vanphong@example.org",
    )
    items = indexed_items(
        {"title": "Gia Lai thu hút đầu tư"},
        {"title": "嘉莱省投资"},
        {"title": "Du lịch Quy Nhơn hút khách"},
        {"title": "Tin không liên quan"},
    )
    items_analyse(item_ids=[i.id for i in items])
    assert Alert.objects.count() == 0  # daily rule: nothing immediate
    tomorrow = timezone.localtime() + timedelta(days=1)
    with pytest.MonkeyPatch.context():
        alerts = alert_digests_send(frequency=Frequency.DAILY, now=tomorrow)
        again = alert_digests_send(frequency=Frequency.DAILY, now=tomorrow)
    assert len(alerts) == 1 and again == []
    digest = alerts[0]
    assert digest.items.count() == 3
    assert digest.payload["digest"]["by_watchlist"] == {gia_lai.name: 2, quy_nhon.name: 1}
    from ..services import alert_deliver

    alert_deliver(alert_id=digest.id)
    assert len(mail.outbox) == 1
    assert "Gia Lai: 2 tin" in mail.outbox[0].body
    assert mail.outbox[0].to == ["vanphong@example.org"]


def test_immediate_match_alerts_once_per_item_with_passage():
    WatchlistFactory()
    AlertRuleFactory(kind=AlertKind.MATCH, frequency=Frequency.IMMEDIATE)
    items = indexed_items({"title": "Lễ hội", "text": "Hàng nghìn du khách đến Quy Nhon dịp lễ."})
    items_analyse(item_ids=[items[0].id])
    items_analyse(item_ids=[items[0].id])
    alert = Alert.objects.get()
    assert "«Quy Nhon»" in alert.body
    assert list(alert.items.all()) == items


def _hourly_throttled_rule_and_three_items():
    """An immediate match rule of one watchlist, throttled to an alert an hour, and three
    indexed items that match it."""
    watchlist = WatchlistFactory()
    rule = AlertRuleFactory(
        kind=AlertKind.MATCH,
        frequency=Frequency.IMMEDIATE,
        watchlist=watchlist,
        throttle_minutes=60,
    )
    items = [
        indexed_items({"title": title})[0]
        for title in ("Lễ hội Quy Nhon", "Du khách đến Quy Nhon", "Quy Nhon đón tàu biển")
    ]
    return watchlist, rule, items


def test_matches_during_the_throttle_are_carried_by_the_next_alert():
    watchlist, rule, (first, waiting, latest) = _hourly_throttled_rule_and_three_items()
    items_analyse(item_ids=[first.id])
    items_analyse(item_ids=[waiting.id])  # within the hour: no alert now
    assert [list(a.items.all()) for a in Alert.objects.filter(rule=rule)] == [[first]]

    Alert.objects.filter(rule=rule).update(created_at=timezone.now() - timedelta(hours=2))
    items_analyse(item_ids=[latest.id])
    alert = Alert.objects.filter(rule=rule).latest("created_at")
    assert set(alert.items.all()) == {waiting, latest}
    assert alert.title == f"[{watchlist}] Quy Nhon đón tàu biển (và 1 tin khác)"
    assert alert.payload["item_count"] == 2


def test_alerts_raised_while_the_broker_is_down_keep_the_reason(
    broker_down, django_capture_on_commit_callbacks
):
    from lantoa.core.tasks import QUEUE_DOWN

    WatchlistFactory()
    AlertRuleFactory(kind=AlertKind.MATCH, frequency=Frequency.IMMEDIATE)
    items = indexed_items(
        {"title": "Lễ hội Quy Nhon"}, {"title": "Du khách đến Quy Nhon"}, {"title": "Mưa ở Pleiku"}
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        items_analyse(item_ids=[i.id for i in items])
    # Both alerts are in the inbox, each saying why it was not sent (the first failed send did
    # not stop the second).
    assert len(callbacks) == 2
    assert sorted(Alert.objects.values_list("delivery_error", flat=True)) == [QUEUE_DOWN] * 2
    assert not Alert.objects.filter(delivered_at__isnull=False).exists()


def test_negative_tone_on_sensitive_topic_and_first_foreign_mention():
    topic = TopicFactory(name="Tôn giáo", kind=TopicKind.SENSITIVE, query="tôn giáo")
    watchlist = WatchlistFactory()
    AlertRuleFactory(kind=AlertKind.NEGATIVE_SENSITIVE, topic=topic)
    AlertRuleFactory(kind=AlertKind.FOREIGN_FIRST, watchlist=watchlist)
    foreign = SourceFactory(outlet_type="foreign_press", country="FR")
    items = indexed_items(
        {"title": "Bài viết xuyên tạc tình hình tôn giáo, sai sự thật"},
        {"title": "La ville de Quy Nhon attire les touristes", "source": foreign, "language": "fr"},
    )
    items_analyse(item_ids=[i.id for i in items])
    more = indexed_items({"title": "Quy Nhon beaches", "source": foreign, "language": "en"})
    items_analyse(item_ids=[more[0].id])
    kinds = sorted(Alert.objects.values_list("kind", flat=True))
    assert kinds == [AlertKind.FOREIGN_FIRST, AlertKind.NEGATIVE_SENSITIVE]
    first_foreign = Alert.objects.get(kind=AlertKind.FOREIGN_FIRST)
    assert first_foreign.items.get() == items[1]
    assert first_foreign.body == f"{foreign.name} (Pháp)"
    # A person says the religion item is neutral: no new alert appears on re-analysis.
    label_set(item=items[0], kind="tone", value=Tone.NEUTRAL)
    items_analyse(item_ids=[items[0].id])
    assert Alert.objects.count() == 2


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        (WebhookFormat.TELEGRAM, lambda b: b["chat_id"] == "42" and "Tiêu đề" in b["text"]),
        (
            WebhookFormat.ZALO,
            lambda b: b["recipient"] == {"user_id": "42"} and "Tiêu đề" in b["message"]["text"],
        ),
        (WebhookFormat.JSON, lambda b: b["title"] == "Tiêu đề" and "alert_id" in b),
    ],
)
def test_webhook_formats(fmt, check):
    rule = AlertRuleFactory(webhook_format=fmt, chat_id="42")
    alert = Alert.objects.create(
        rule=rule,
        kind="match",
        title="Tiêu đề",
        body="Nội dung",
        dedup_key="k",
        payload={"title": "Tiêu đề", "items": [{"link": "http://127.0.0.1/x"}]},
    )
    assert check(webhook_body(alert, rule))


def test_matches_held_by_the_throttle_are_sent_when_it_ends_without_a_new_match():
    from ..services import alerts_send_waiting

    _watchlist, rule, (first, second, third) = _hourly_throttled_rule_and_three_items()
    items_analyse(item_ids=[first.id])
    items_analyse(item_ids=[second.id, third.id])  # within the hour: held back
    assert alerts_send_waiting() == []  # the throttle has not passed: still held

    Alert.objects.filter(rule=rule).update(created_at=timezone.now() - timedelta(hours=2))
    sent = alerts_send_waiting()
    assert len(sent) == 1
    assert set(sent[0].items.all()) == {second, third}
    assert sent[0].title.endswith("(và 1 tin khác)")
    assert alerts_send_waiting() == []  # sent once: nothing waits now (and the rule is throttled)

    Alert.objects.filter(rule=rule).update(created_at=timezone.now() - timedelta(hours=3))
    assert alerts_send_waiting() == []  # nothing new came: nothing to send
    assert Alert.objects.filter(rule=rule).count() == 2


def test_an_alert_s_and_a_match_s_pages_name_their_fields_in_vietnamese(client):
    """The inspect pages list every field of the record: each by its Vietnamese name."""
    import re

    from django.urls import reverse

    from lantoa.core.models import User
    from lantoa.core.tests.test_form_crawl import english_words

    from ..models import ItemMatch

    watchlist = WatchlistFactory()
    AlertRuleFactory(kind=AlertKind.MATCH, watchlist=watchlist)
    items = indexed_items({"title": "Quy Nhơn đón du khách quốc tế"})
    items_analyse(item_ids=[items[0].id])
    client.force_login(User.objects.create_superuser("xemchitiet", "x@example.org", "x"))
    for name, record in [
        ("insights_alert:inspect", Alert.objects.get()),
        ("insights_match:inspect", ItemMatch.objects.get()),
    ]:
        page = client.get(reverse(name, args=[record.pk])).content.decode()
        labels = re.findall(r"<dt>([^<]*)</dt>", page)
        assert len(labels) >= 2, name
        assert not [word for label in labels for word in english_words(label)], (name, labels)
