"""The demo ward's alerts come from the real pipeline: its items, its rules, the alert stage."""

import pytest

from lantoa.monitoring import demo as monitoring_demo

from .. import demo
from ..constants import AlertKind
from ..models import Alert, ItemMatch

pytestmark = pytest.mark.django_db


def test_the_demo_shows_alerts_the_rules_raised_from_the_demo_items():
    monitoring_demo.load(log=lambda m: None)
    demo.load(log=lambda m: None)
    alerts = list(Alert.objects.select_related("rule__watchlist").prefetch_related("items"))
    kinds = {alert.kind for alert in alerts}
    assert {AlertKind.MATCH, AlertKind.FOREIGN_FIRST} <= kinds, kinds
    for alert in alerts:
        assert alert.kind == alert.rule.kind and alert.items.exists()
        if alert.rule.watchlist:  # each item really matched the rule's watchlist
            for item in alert.items.all():
                assert ItemMatch.objects.filter(item=item, watchlist=alert.rule.watchlist).exists()
    foreign = next(a for a in alerts if a.kind == AlertKind.FOREIGN_FIRST)
    assert foreign.items.get().source.outlet_type == "foreign_press"
    count = len(alerts)
    demo.load(log=lambda m: None)
    assert Alert.objects.count() == count  # idempotent
