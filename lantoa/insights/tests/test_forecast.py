"""The trends forecast is honest: it refuses below eight periods, states its method and its
measured past error (MAPE) in plain Vietnamese, and the trends page prints exactly that."""

from datetime import timedelta

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone

from lantoa.core.models import User
from lantoa.core.registry import app_modules

from ..selectors.forecast import MIN_PERIODS, forecast_compute
from .factories import ItemFactory, SourceFactory


@pytest.mark.parametrize(("period", "days"), [("week", 7), ("month", 30)])
def test_eight_periods_is_the_boundary(period, days):
    rng = np.random.default_rng(3)
    daily = [int(v) for v in 10 + rng.integers(-3, 4, MIN_PERIODS * days)]
    unit = "tuần" if period == "week" else "tháng"
    short = forecast_compute(daily[1:], period=period)
    assert short["refused"] and short["periods"] == MIN_PERIODS - 1
    assert f"mới có số liệu của 7 {unit}; cần ít nhất 8 {unit}" in short["message"]
    assert "value" not in short  # no figure at all, not even a hedged one
    enough = forecast_compute(daily, period=period)
    assert not enough["refused"] and enough["periods"] == MIN_PERIODS
    assert f"tổng {days} ngày tới" in enough["method"] and "Holt-Winters" in enough["method"]
    assert enough["low"] < enough["value"] < enough["high"]
    assert "Khoảng 95 % lấy từ 1000 lần mô phỏng" in enough["method"]
    assert type(enough["seasonal"]) is bool  # numpy's bool broke the page's JSON
    assert f"đo trên {len(enough['backtest'])} {unit} đã qua" in enough["accuracy"]


def test_a_series_without_variation_says_it_has_no_interval():
    flat = forecast_compute([6] * 70, period="week")
    assert flat["low"] is None and flat["high"] is None
    assert (
        "Không nêu khoảng 95 %" in flat["method"] and "mô phỏng theo sai số" not in flat["method"]
    )
    # Every past week was exactly right: a measured 0 % error, not a missing one.
    assert flat["mape"] == pytest.approx(0, abs=0.1) and "MAPE" in flat["accuracy"]


@pytest.mark.django_db
def test_trends_page_prints_the_method_the_interval_and_the_past_error(client, demo_ward):
    for module in app_modules("permissions"):
        module.permissions_grant()
    source = SourceFactory()
    today = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    rng = np.random.default_rng(11)
    rhythm = [6, 5, 5, 4, 4, 2, 1]
    for back in range(1, 10 * 7 + 1):
        day = today - timedelta(days=back)
        count = rhythm[day.weekday()] + int(rng.integers(0, 2))
        ItemFactory.create_batch(count, source=source, published_at=day)
    client.force_login(User.objects.get(username="theodoi"))
    page = client.get(reverse("insights_trends"))
    content = page.content.decode()
    forecast = page.context["data"]["forecast"]
    assert not forecast["refused"] and forecast["periods"] == 10
    assert 'data-refused="0"' in content
    assert f"data-forecast-value>{forecast['value']:.0f}<" in content
    assert f"(khoảng 95 %: {forecast['low']:.0f}–{forecast['high']:.0f})" in content
    assert "thư viện statsmodels" in content and "nhịp 7 ngày trong tuần" in content
    mape = f"{forecast['mape']:.1f}".replace(".", ",")
    assert f"sai lệch trung bình {mape} % so với thực tế (MAPE)" in content
