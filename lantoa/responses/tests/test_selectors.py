"""Timeliness figures against an independent computation (numpy) on generated cases."""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from lantoa.responses import selectors
from lantoa.responses.constants import CaseState, Severity
from lantoa.responses.models import Case

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SLA = {"critical": 24, "high": 48, "medium": 72, "low": 168}
NOW = datetime(2026, 6, 30, 12, tzinfo=TZ)


@pytest.fixture
def generated(db):
    """60 cases with random severities, topics, delays and outcomes (fixed seed)."""
    rng = random.Random(57)
    rows = []
    for n in range(60):
        severity = rng.choice(list(SLA))
        detected = datetime(
            2026, rng.randint(1, 6), rng.randint(1, 28), rng.randint(0, 23), tzinfo=TZ
        )
        outcome = rng.choice(["published", "published", "open", "not_applicable", "fresh"])
        if outcome == "fresh":
            detected = NOW - timedelta(hours=1)
        first = detected + timedelta(hours=rng.uniform(0.1, 30)) if outcome != "fresh" else None
        published = (
            detected + timedelta(hours=rng.uniform(2, 2.2 * SLA[severity]))
            if outcome == "published"
            else None
        )
        state = {
            "published": CaseState.PUBLISHED,
            "open": CaseState.VERIFYING,
            "not_applicable": CaseState.NOT_APPLICABLE,
            "fresh": CaseState.DETECTED,
        }[outcome]
        case = Case.objects.create(
            claim=f"Vụ việc {n}",
            severity=severity,
            state=state,
            detected_at=detected,
            due_at=detected + timedelta(hours=SLA[severity]),
            first_action_at=first,
            published_at=published,
        )
        topics = rng.sample(["du lịch", "đất đai", "giao thông"], rng.randint(0, 2))
        if topics:
            case.topics.set(topics)
            case.save()
        rows.append(
            {
                "severity": severity,
                "detected": detected,
                "first": first,
                "published": published,
                "state": outcome,
                "due": detected + timedelta(hours=SLA[severity]),
                "topics": topics,
            }
        )
    return rows


def expected(rows):
    first = [(r["first"] - r["detected"]).total_seconds() / 3600 for r in rows if r["first"]]
    publish = [
        (r["published"] - r["detected"]).total_seconds() / 3600 for r in rows if r["published"]
    ]
    decided = [r for r in rows if r["published"] or (r["state"] == "open" and r["due"] < NOW)]
    on_time = [r for r in decided if r["published"] and r["published"] <= r["due"]]
    pct = lambda values, q: float(np.percentile(values, q)) if values else None  # noqa: E731
    return {
        "cases": len(rows),
        "first_action_median_h": pct(first, 50),
        "first_action_p90_h": pct(first, 90),
        "publish_median_h": pct(publish, 50),
        "publish_p90_h": pct(publish, 90),
        "decided": len(decided),
        "on_time": len(on_time),
        "on_time_share": len(on_time) / len(decided) if decided else None,
    }


def assert_matches(figures, rows):
    want = expected(rows)
    got = figures.as_dict()
    for key, value in want.items():
        if value is None:
            assert got[key] is None, key
        else:
            assert got[key] == pytest.approx(value), key


def test_overall_figures_match_numpy(generated):
    figures = selectors.timeliness(Case.objects.all(), now=NOW)
    assert figures.publish_n > 5 and 0 < figures.on_time < figures.decided
    assert_matches(figures, generated)


@pytest.mark.parametrize("key", ["severity", "month", "topic"])
def test_grouped_figures_match_numpy(generated, key):
    groups = selectors.timeliness_by(Case.objects.prefetch_related("topics"), key, now=NOW)
    if key == "severity":
        names = {r["severity"] for r in generated}
        member = lambda r, name: r["severity"] == name  # noqa: E731
    elif key == "month":
        names = {r["detected"].strftime("%Y-%m") for r in generated}
        member = lambda r, name: r["detected"].strftime("%Y-%m") == name  # noqa: E731
    else:
        names = {t for r in generated for t in r["topics"]} | {""}
        member = lambda r, name: name in r["topics"] or (name == "" and not r["topics"])  # noqa: E731
    assert set(groups) == names
    for name in names:
        assert_matches(groups[name], [r for r in generated if member(r, name)])


def test_quantile_edges():
    assert selectors.quantile([], 0.5) is None
    assert selectors.quantile([3.0], 0.9) == 3.0
    assert selectors.quantile([1, 2, 3, 4], 0.5) == 2.5


def test_overdue_and_due_within(db):
    now = datetime(2026, 6, 30, 12, tzinfo=TZ)
    make = lambda due, state=CaseState.VERIFYING: Case.objects.create(  # noqa: E731
        claim="x",
        severity=Severity.HIGH,
        state=state,
        detected_at=now - timedelta(hours=1),
        due_at=due,
    )
    late = make(now - timedelta(minutes=1))
    soon = make(now + timedelta(hours=23))
    make(now + timedelta(hours=25))
    make(now - timedelta(hours=5), state=CaseState.PUBLISHED)
    assert list(selectors.cases_overdue(now)) == [late]
    assert list(selectors.cases_due_within(24, now)) == [soon]


def test_the_beat_schedule_runs_the_registered_deadline_task_every_15_minutes(db):
    from django_celery_beat.models import PeriodicTask

    from lantoa.celery import app
    from lantoa.responses.tasks import cases_check_deadlines_task

    task = PeriodicTask.objects.get(name="Làm rõ thông tin: thông báo hạn xử lý")
    assert task.task == cases_check_deadlines_task.name and task.task in app.tasks
    assert task.enabled and task.interval.every == 15
