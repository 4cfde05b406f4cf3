"""Forecast and spike arithmetic checked against hand computation."""

from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from ..selectors import forecast_next, window_counts
from ..services.alerts import spike_check
from .factories import ItemFactory


def test_forecast_refuses_short_history_and_states_method_interval_and_backtest():
    refused = forecast_next([5] * (7 * 7 + 6), period="week")
    assert refused["refused"] and "7 tuần" in refused["message"] and "8 tuần" in refused["message"]
    assert forecast_next([], period="month")["refused"]
    # Twelve weeks with a weekday rhythm (busy Mondays, quiet Sundays) and noise.
    rng = np.random.default_rng(7)
    rhythm = np.array([30, 22, 20, 20, 18, 8, 5])
    daily = [int(v) for v in np.tile(rhythm, 12) + rng.integers(-3, 4, 84)]
    result = forecast_next(daily, period="week")
    assert not result["refused"] and result["seasonal"] and result["periods"] == 12
    assert "statsmodels" in result["method"] and "7 ngày" in result["method"]
    assert abs(result["value"] - rhythm.sum()) < 0.1 * rhythm.sum()
    assert result["low"] < rhythm.sum() < result["high"] and result["high"] - result["low"] >= 1
    # The backtest forecasts each past week from the days before it only: recomputed by hand.
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    pairs = result["backtest"]
    assert len(pairs) == 6
    origin = len(daily) - 7
    fit = ExponentialSmoothing(
        np.asarray(daily[:origin], dtype=float), trend="add", damped_trend=True, seasonal="add",
        seasonal_periods=7, initialization_method="heuristic",
    ).fit(use_brute=False)  # fmt: skip
    assert pairs[-1]["forecast"] == pytest.approx(np.clip(fit.forecast(7), 0, None).sum(), abs=0.1)
    assert pairs[-1]["actual"] == sum(daily[origin:])
    mape = 100 * np.mean([abs(p["actual"] - p["forecast"]) / p["actual"] for p in pairs])
    assert result["mape"] == pytest.approx(mape, abs=0.05) and "MAPE" in result["accuracy"]
    # A series with no variation gets no interval rather than a zero-width "95 %" one.
    flat = forecast_next([4] * 70, period="week")
    assert flat["value"] == pytest.approx(28, abs=0.5) and flat["low"] is None is flat["high"]


@pytest.mark.django_db
def test_window_counts_and_spike_threshold():
    now = timezone.now()
    for day, count in enumerate([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4], start=1):
        for n in range(count):
            ItemFactory(published_at=now - timedelta(days=day, minutes=n + 1))
    for n in range(5):
        ItemFactory(published_at=now - timedelta(hours=1, minutes=n))
    from lantoa.monitoring.models import Item

    counts = window_counts(Item.objects.all(), end=now, width=timedelta(days=1), windows=15)
    assert counts == [4] + [2] * 13 + [5]
    trailing = np.array(counts[:-1])
    check = spike_check(Item.objects.all(), now=now, social=False, sensitivity=3.0)
    assert check["mean"] == pytest.approx(trailing.mean(), abs=1e-3)
    assert check["sigma"] == pytest.approx(trailing.std(), abs=1e-3)
    assert check["spike"] is bool(trailing.mean() + 3 * trailing.std() < 5)
    assert spike_check(Item.objects.all(), now=now, social=False, sensitivity=1.0)["spike"]


@pytest.mark.django_db
def test_one_foreign_rule_in_python_and_in_sql():
    """is_foreign, foreign_q and foreign_items (KPI, international view, list filter) agree."""
    from lantoa.monitoring.models import Item

    from ..selectors import foreign_items, foreign_q, is_foreign
    from .factories import SourceFactory

    local = SourceFactory(country="VN")
    unset = SourceFactory(country="")
    abroad = SourceFactory(country="JP")
    wire = SourceFactory(country="VN", outlet_type="foreign_press")
    expected = {
        ItemFactory(source=local, language="vi").pk: False,
        ItemFactory(source=local, language="vi-VN").pk: False,
        ItemFactory(source=local, language="").pk: False,  # language not known yet
        ItemFactory(source=unset, language="vi").pk: False,  # no country given counts as VN
        ItemFactory(source=local, language="en").pk: True,
        ItemFactory(source=abroad, language="vi").pk: True,
        ItemFactory(source=wire, language="vi").pk: True,
    }
    items = Item.objects.filter(pk__in=expected).select_related("source")
    assert {i.pk: is_foreign(i) for i in items} == expected
    truly = {pk for pk, foreign in expected.items() if foreign}
    assert set(items.filter(foreign_q()).values_list("pk", flat=True)) == truly
    assert set(foreign_items(items).values_list("pk", flat=True)) == truly
