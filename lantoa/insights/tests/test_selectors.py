"""Forecast and spike arithmetic checked against hand computation."""

from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from ..selectors import forecast_next, window_counts
from ..services.alerts import spike_check
from .factories import ItemFactory


def test_forecast_is_the_stated_least_squares_line_and_interval():
    values = [10, 12, 11, 15, 14, 18, 17, 20]
    result = forecast_next(values)
    slope, intercept = np.polyfit(range(8), values, 1)
    expected = intercept + slope * 8
    residuals = np.array(values) - (intercept + slope * np.arange(8))
    sigma = np.sqrt((residuals**2).sum() / 6)
    assert result["value"] == pytest.approx(expected, abs=0.05)
    assert result["high"] == pytest.approx(expected + 1.96 * sigma, abs=0.05)
    assert result["low"] == pytest.approx(expected - 1.96 * sigma, abs=0.05)
    assert forecast_next([3]) is None
    assert forecast_next([5, 0, 0])["low"] >= 0


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
