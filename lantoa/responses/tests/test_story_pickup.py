"""The foreign-pickup alert: a local story crossing into foreign media raises one alert per rule,
carrying the origin trace and the clarification opened on the story (responses' story_context)."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from lantoa.core.models import User
from lantoa.insights.constants import AlertKind
from lantoa.insights.models import Alert, AlertRule
from lantoa.insights.services import alerts_raise_for_items, items_analyse
from lantoa.monitoring.search.services import items_index

from ..services import case_open
from .factories import ItemFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _analyse(*items):
    ids = [i.pk for i in items]
    items_index(item_ids=ids)
    items_analyse(item_ids=ids, raise_alerts=False)
    alerts_raise_for_items(item_ids=ids, match_ids=[])


def test_a_local_story_picked_up_abroad_alerts_once_with_trace_and_clarification():
    AlertRule.objects.create(name="Lan ra nước ngoài", kind=AlertKind.FOREIGN_PICKUP)
    now = timezone.now()
    local = ItemFactory(
        title="Tin đồn sai: cảng Quy Nhơn đóng cửa 30 ngày từ 5/10",
        summary="Cảng vẫn hoạt động; tin đóng cửa 30 ngày là sai.",
        source=SourceFactory(name="Báo địa phương"),
        published_at=now - timedelta(hours=5),
    )
    _analyse(local)
    user = User.objects.create(username="lamro-pickup")
    case = case_open(claim="Cảng đóng cửa 30 ngày", user=user, items=[local])
    assert not Alert.objects.exists()  # nothing abroad yet

    foreign = SourceFactory(name="Foreign Wire", outlet_type="foreign_press", country="SG")
    copy = ItemFactory(
        title="Rumour says Quy Nhon port closed for 30 days from October 5",
        summary="The port says it keeps working.",
        source=foreign,
        language="en",
        published_at=now - timedelta(hours=1),
    )
    with translation.override("en"):  # raised during an English-speaking administrator's request
        _analyse(copy)
    alert = Alert.objects.get(kind=AlertKind.FOREIGN_PICKUP)
    trace = alert.payload["trace"]
    assert trace["first"]["outlet"] == "Báo địa phương"
    assert trace["abroad"]["outlet"] == "Foreign Wire" and trace["abroad"]["language"] == "en"
    assert [c["id"] for c in alert.payload["clarifications"]] == [case.pk]
    assert "Foreign Wire" in alert.title and f"#{case.pk}" in alert.body
    assert "Foreign Wire (Singapore, Tiếng Anh, nước ngoài)" in alert.body
    assert "Báo địa phương (Việt Nam, Tiếng Việt, trong nước)" in alert.body
    assert set(alert.items.all()) == {local, copy}

    later = ItemFactory(
        title="Quy Nhon port: 30-day closure rumour denied",
        summary="Port open since October 5.",
        source=foreign,
        language="en",
        published_at=now,
    )
    _analyse(later)
    assert Alert.objects.filter(kind=AlertKind.FOREIGN_PICKUP).count() == 1  # once per story
