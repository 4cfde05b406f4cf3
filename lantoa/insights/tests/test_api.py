"""The insights API as the demo ward's staff use it: monitors and leaders read, unit reporters
get 403; alerts carry a per-user read state."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from lantoa.core.models import User
from lantoa.monitoring.models import Story

from .. import demo
from ..constants import AlertKind
from ..models import Alert, AlertRule, Watchlist
from ..services import items_analyse, label_set
from .factories import SourceFactory, indexed_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward(demo_ward):
    demo.load(log=lambda m: None)
    return demo_ward


def auth(username):
    _token, key = APIToken.create_token(user=User.objects.get(username=username), name="t")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def items(ward):
    now = timezone.now()
    foreign = SourceFactory(outlet_type="foreign_press", name="Le Monde")
    found = indexed_items(
        {"title": "Quy Nhơn đón khách du lịch kỷ lục", "published_at": now - timedelta(days=1)},
        {"title": "Quy Nhơn đón khách du lịch kỷ lục, kín phòng", "published_at": now},
        {"title": "Quy Nhon, la perle du centre", "source": foreign, "language": "fr"},
        {"title": "Gia Lai thu hút đầu tư", "published_at": now},
        {"title": "Tin không liên quan", "published_at": now},
    )
    items_analyse(item_ids=[i.id for i in found])
    return found


def test_watchlists_and_their_matches(client, items):
    response = client.get("/api/insights/watchlists?active=true", headers=auth("lanhdao"))
    assert response.status_code == 200
    by_name = {w["name"]: w for w in response.json()}
    quy_nhon = Watchlist.objects.get(name="Quy Nhơn")
    assert by_name["Quy Nhơn"]["matches"] == quy_nhon.matches.count() == 3
    assert "归仁" in by_name["Quy Nhơn"]["aliases"]
    assert by_name["Gia Lai"]["matches"] == 1
    matches = client.get(
        f"/api/insights/watchlists/{quy_nhon.pk}/matches?limit=2", headers=auth("theodoi")
    ).json()
    assert len(matches) == 2
    assert {m["item_id"] for m in matches} <= {i.id for i in items[:3]}
    assert all("<mark>" in m["passage"] for m in matches)
    missing = client.get("/api/insights/watchlists/999999/matches", headers=auth("theodoi"))
    assert missing.status_code == 404


def test_item_reading_with_person_label(client, items):
    item = items[0]
    label_set(item=item, kind="tone", value="negative", user=User.objects.get(username="theodoi"))
    body = client.get(f"/api/insights/items/{item.pk}", headers=auth("theodoi")).json()
    assert body["tone"] == "negative" and body["tone_origin"] == "person"
    assert [m["watchlist"] for m in body["matches"]] == ["Quy Nhơn"]
    assert body["labels"] == [
        {
            "kind": "tone",
            "value": "negative",
            "user": "theodoi",
            "created_at": body["labels"][0]["created_at"],
        }
    ]
    assert body["story_id"] == Story.objects.get(items=item).pk


def test_stories_list_and_detail(client, items):
    listed = client.get("/api/insights/stories", headers=auth("lanhdao")).json()
    story = next(s for s in listed if s["items"] == 2)
    assert "kỷ lục" in story["title"]
    assert sum(day["items"] for day in story["spread"]) == 2
    assert len(story["spread"]) == 2  # yesterday and today
    detail = client.get(f"/api/insights/stories/{story['id']}", headers=auth("lanhdao")).json()
    assert [i["id"] for i in detail["item_list"]] == [items[0].id, items[1].id]
    assert sum(detail["tones"].values()) == 2


def test_stories_since_any_offset_or_out_of_range(client, items):
    """An offset Python accepts but PostgreSQL refuses (found by schemathesis) is converted to
    UTC; a moment that overflows is a 422, never a 500."""
    odd = client.get(
        "/api/insights/stories",
        {"since": "2000-01-01T00:00:00-17:21"},
        headers=auth("lanhdao"),
    )
    assert odd.status_code == 200 and len(odd.json()) >= 1
    future = client.get(
        "/api/insights/stories", {"since": "2062-08-04T16:02:32-17:21"}, headers=auth("lanhdao")
    )
    assert (future.status_code, future.json()) == (200, [])
    overflow = client.get(
        "/api/insights/stories", {"since": "9999-12-31T23:00:00-05:00"}, headers=auth("lanhdao")
    )
    assert overflow.status_code == 422


def test_alerts_have_a_read_state_per_user(client, items):
    rule = AlertRule.objects.filter(kind=AlertKind.MATCH).first()
    alerts = [
        Alert.objects.create(rule=rule, kind=AlertKind.MATCH, title=f"A{n}", dedup_key=f"k{n}")
        for n in range(3)
    ]
    alerts[0].items.add(items[0])
    monitor, leader = auth("theodoi"), auth("lanhdao")
    unread = client.get("/api/insights/alerts?unread=true", headers=monitor).json()
    assert len(unread) == Alert.objects.count()
    first = next(a for a in unread if a["id"] == alerts[0].pk)
    assert first["item_ids"] == [items[0].pk] and first["read"] is False
    marked = client.post(
        f"/api/insights/alerts/{alerts[0].pk}/read",
        {"read": True},
        content_type="application/json",
        headers=monitor,
    )
    assert marked.status_code == 200 and marked.json()["read"] is True
    unread_ids = {
        a["id"] for a in client.get("/api/insights/alerts?unread=true", headers=monitor).json()
    }
    assert alerts[0].pk not in unread_ids and alerts[1].pk in unread_ids
    # the leader's inbox is their own
    assert alerts[0].pk in {
        a["id"] for a in client.get("/api/insights/alerts?unread=true", headers=leader).json()
    }
    done = client.post("/api/insights/alerts/read-all", headers=monitor).json()
    assert done == {"marked": Alert.objects.count() - 1, "unread": 0}
    client.post(
        f"/api/insights/alerts/{alerts[2].pk}/read",
        {"read": False},
        content_type="application/json",
        headers=monitor,
    )
    again = client.get("/api/insights/alerts?unread=true", headers=monitor).json()
    assert [a["id"] for a in again] == [alerts[2].pk]


def test_trends_and_spikes(client, items):
    trends = client.get("/api/insights/trends?period=month", headers=auth("lanhdao")).json()
    assert sum(trends["total"]) == len(items)
    assert set(trends["series"]) == {"topic", "tone", "language", "outlet_type"}
    bad = client.get("/api/insights/trends?period=year", headers=auth("lanhdao"))
    assert bad.status_code == 400
    spikes = client.get("/api/insights/spikes", headers=auth("lanhdao")).json()
    row = next(r for r in spikes if r["name"] == "Quy Nhơn" and r["stream"] == "news")
    # published in the last 24 hours: the second Quy Nhơn item and Le Monde's (factory: now)
    assert row["scope"] == "watchlist" and row["current"] == 2
    assert row["spike"] is False
    story = next(r for r in spikes if r["scope"] == "story" and "kỷ lục" in r["name"])
    assert story["stream"] == "news" and story["current"] == 1  # one of its two items is today's


@pytest.mark.parametrize(
    "path",
    [
        "/api/insights/watchlists",
        "/api/insights/stories",
        "/api/insights/alerts",
        "/api/insights/trends",
        "/api/insights/spikes",
    ],
)
def test_unit_reporters_are_refused(client, ward, path):
    response = client.get(path, headers=auth("mttq"))
    assert response.status_code == 403
    assert "quyền" in response.json()["detail"]
    assert client.get(path).status_code == 401


def test_alert_rules_with_a_private_webhook_target_are_refused_by_the_api(client, ward, settings):
    settings.LANTOA_FETCH_ALLOW_PRIVATE = False
    rules_before = AlertRule.objects.count()
    rule = {
        "name": "Báo nhóm trực qua Telegram",
        "kind": "match",
        "channel": "webhook",
        "webhook_format": "telegram",
        "chat_id": "42",
    }
    for target in ("http://127.0.0.1:8000/hook", "http://169.254.169.254/", "file:///etc/passwd"):
        response = client.post(
            "/api/insights/alert-rules",
            {**rule, "target": target},
            content_type="application/json",
            headers=auth("theodoi"),
        )
        assert response.status_code == 422, target
        [error] = response.json()["detail"]
        assert error["loc"][-1] == "target"
        assert "bị từ chối" in error["msg"] or "http://" in error["msg"]
    assert AlertRule.objects.count() == rules_before
    created = client.post(
        "/api/insights/alert-rules",
        {**rule, "target": "https://203.162.4.190/bot1/sendMessage"},
        content_type="application/json",
        headers=auth("theodoi"),
    )
    assert created.status_code == 201
    assert AlertRule.objects.get(pk=created.json()["id"]).chat_id == "42"
    listed = client.get("/api/insights/alert-rules", headers=auth("theodoi")).json()
    assert rule["name"] in {r["name"] for r in listed}
    denied = client.post(
        "/api/insights/alert-rules",
        {**rule, "target": "https://203.162.4.190/x"},
        content_type="application/json",
        headers=auth("lanhdao"),
    )
    assert denied.status_code == 403
