"""Source-health alerts: a source silent, or failing, beyond its own usual rhythm of poll runs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lantoa.monitoring.constants import FetchOutcome
from lantoa.monitoring.models import PollRun
from lantoa.monitoring.search.tests.factories import SourceFactory
from lantoa.monitoring.selectors import source_rhythm_problems

from ..constants import AlertKind
from ..models import Alert
from ..services import source_health_alerts
from .factories import AlertRuleFactory

pytestmark = pytest.mark.django_db


def _runs(source, now, spec):
    """spec: (hours ago, outcome, stored) per poll run."""
    for hours, outcome, stored in spec:
        run = PollRun.objects.create(source=source, outcome=outcome, stored=stored)
        PollRun.objects.filter(pk=run.pk).update(started_at=now - timedelta(hours=hours))


def test_silent_and_failing_sources_are_judged_by_their_own_rhythm():
    now = timezone.now()
    ok, failed = FetchOutcome.OK, FetchOutcome.HTTP_ERROR
    hourly_then_silent = SourceFactory(name="Báo A")  # new items every hour, none for 10 h
    _runs(hourly_then_silent, now, [(h, ok, 2) for h in range(20, 10, -1)])
    _runs(hourly_then_silent, now, [(h, ok, 0) for h in range(10, 0, -1)])
    daily = SourceFactory(name="Tạp chí B")  # new items once a day: 10 h without is normal
    _runs(daily, now, [(24 * d + 10, ok, 3) for d in range(6, -1, -1)])
    failing = SourceFactory(name="Cổng C")  # polled hourly, the last five polls failed
    _runs(failing, now, [(h, ok, 1) for h in range(30, 5, -1)])
    _runs(failing, now, [(h, failed, 0) for h in range(5, 0, -1)])
    young = SourceFactory(name="Nguồn mới D")  # two polls: no rhythm yet
    _runs(young, now, [(30, ok, 1), (29, ok, 1)])

    problems = {p["source"].name: p for p in source_rhythm_problems(now=now)}
    assert set(problems) == {"Báo A", "Cổng C"}
    assert problems["Báo A"]["kind"] == "silent" and problems["Báo A"]["usual_hours"] == 1.0
    assert problems["Cổng C"]["kind"] == "failing" and problems["Cổng C"]["failures"] == 5

    assert source_health_alerts(now=now) == []  # nobody asked for these alerts yet
    AlertRuleFactory(kind=AlertKind.SOURCE_HEALTH)
    raised = source_health_alerts(now=now)
    assert sorted(a.title for a in raised) == [
        "Nguồn “Báo A” im lặng bất thường",
        "Nguồn “Cổng C” lỗi liên tiếp 5 lần",
    ]
    assert raised[0].payload["source_health"]["usual_hours"] == 1.0
    # The same episode an hour later raises nothing new.
    assert source_health_alerts(now=now + timedelta(hours=1)) == []
    assert Alert.objects.filter(kind=AlertKind.SOURCE_HEALTH).count() == 2
