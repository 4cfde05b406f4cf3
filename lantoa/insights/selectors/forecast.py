"""The trends forecast, honest about what it knows.

It refuses to speak from fewer than MIN_PERIODS periods (weeks or months) of history. Otherwise it
fits statsmodels' exponential smoothing (Holt-Winters) to the items counted per day, with a 7-day
season (news volume follows the week) and a damped trend, and forecasts the sum of the next
period's days. The 95 % interval comes from simulating the fitted model's own errors over those
days (never printed when it has no width), and the accuracy is measured, not claimed: a
rolling-origin backtest refits the same model on the history before each of the last periods and
compares its forecast with what happened (mean absolute percentage error, MAPE).
"""

from __future__ import annotations

import hashlib
import warnings

import numpy as np
from django.core.cache import cache
from django.utils.translation import gettext as _

MIN_PERIODS = 8
SEASON_DAYS = 7
BACKTEST_PERIODS = 6
SIMULATIONS = 1000
PERIOD_DAYS = {"week": 7, "month": 30}
CACHE_SECONDS = 600


def _fit(daily: np.ndarray):
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    # A Python bool: numpy's would break the JSON the trends page and the API send.
    seasonal = bool(len(daily) >= 2 * SEASON_DAYS and daily.std() > 0)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        model = ExponentialSmoothing(
            daily,
            trend="add",
            damped_trend=True,
            seasonal="add" if seasonal else None,
            seasonal_periods=SEASON_DAYS if seasonal else None,
            initialization_method="heuristic",
        )
        # A local optimiser from the heuristic start: the default grid search first costs ~5×.
        return model.fit(use_brute=False), seasonal


def _period_sum(fitted, horizon: int) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(np.clip(fitted.forecast(horizon), 0, None).sum())


def backtest(daily: list[int], *, period_days: int, periods: int = BACKTEST_PERIODS) -> dict:
    """Rolling origin: for each of the last `periods` periods, fit on the days before it only and
    forecast its total. Returns the pairs and the MAPE over the periods that had items."""
    series = np.asarray(daily, dtype=float)
    pairs = []
    for back in range(periods, 0, -1):
        origin = len(series) - back * period_days
        if origin < (MIN_PERIODS // 2) * period_days:
            continue
        fitted, _seasonal = _fit(series[:origin])
        actual = float(series[origin : origin + period_days].sum())
        pairs.append({"forecast": round(_period_sum(fitted, period_days), 1), "actual": actual})
    errors = [abs(p["actual"] - p["forecast"]) / p["actual"] for p in pairs if p["actual"] > 0]
    mape = round(100 * sum(errors) / len(errors), 1) if errors else None
    return {"pairs": pairs, "mape": mape, "periods": len(errors)}


def forecast_next(daily: list[int], *, period: str = "week", seed: int = 20261204) -> dict:
    """`forecast_compute`, kept for ten minutes per series (the trends page and the API ask for the
    same one; eight model fits take a fraction of a second each)."""
    identity = repr((period, seed, list(daily))).encode()
    key = "lantoa:forecast:" + hashlib.sha256(identity).hexdigest()
    result = cache.get(key)
    if result is None:
        result = forecast_compute(daily, period=period, seed=seed)
        cache.set(key, result, CACHE_SECONDS)
    return result


def forecast_compute(daily: list[int], *, period: str = "week", seed: int = 20261204) -> dict:
    """Forecast the total of the next period from complete days' counts (oldest first).

    Always a dict: `refused` with the reason when there are fewer than MIN_PERIODS periods;
    otherwise value, low/high (None when the interval would have no width), method and accuracy,
    each sentence in plain Vietnamese."""
    period_days = PERIOD_DAYS[period]
    unit = _("tuần") if period == "week" else _("tháng")
    periods = len(daily) // period_days
    if periods < MIN_PERIODS:
        return {
            "refused": True,
            "periods": periods,
            "message": _(
                "Chưa dự báo: mới có số liệu của %(n)d %(unit)s; cần ít nhất %(min)d %(unit)s "
                "thì dự báo mới có ý nghĩa."
            )
            % {"n": periods, "min": MIN_PERIODS, "unit": unit},
        }
    series = np.asarray(daily, dtype=float)
    fitted, seasonal = _fit(series)
    value = _period_sum(fitted, period_days)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = fitted.simulate(
            period_days,
            repetitions=SIMULATIONS,
            anchor="end",
            error="add",
            random_state=np.random.default_rng(seed),
        )
    totals = np.clip(np.asarray(paths), 0, None).sum(axis=0)
    low, high = (float(q) for q in np.quantile(totals, [0.025, 0.975]))
    has_width = high - low >= 0.5
    accuracy = backtest(daily, period_days=period_days)
    method = _(
        "Phương pháp: san bằng hàm mũ Holt-Winters (thư viện statsmodels) trên số tin từng ngày "
        "của %(days)d ngày qua%(season)s, xu hướng được làm dịu dần; con số dự báo là tổng "
        "%(h)d ngày tới, tính từ hôm nay."
    ) % {
        "days": len(daily),
        "season": _(", có tính nhịp 7 ngày trong tuần") if seasonal else "",
        "h": period_days,
    }
    # The interval is described only when it is shown: a series with no variation has none.
    method += " " + (
        _("Khoảng 95 %% lấy từ %(sims)d lần mô phỏng theo sai số của chính mô hình.")
        % {"sims": SIMULATIONS}
        if has_width
        else _(
            "Không nêu khoảng 95 %: số tin các ngày qua gần như không đổi, mô phỏng không cho "
            "khoảng dao động nào."
        )
    )
    if accuracy["mape"] is None:
        accuracy_text = _("Chưa đo được độ chính xác trên các kỳ đã qua.")
    else:
        accuracy_text = _(
            "Độ chính xác đo trên %(k)d %(unit)s đã qua (mỗi kỳ dự báo lại chỉ từ số liệu trước "
            "kỳ đó): sai lệch trung bình %(mape)s %% so với thực tế (MAPE)."
        ) % {
            "k": accuracy["periods"],
            "unit": unit,
            "mape": f"{accuracy['mape']:.1f}".replace(".", ","),
        }
    return {
        "refused": False,
        "periods": periods,
        "value": round(value, 1),
        "low": round(low, 1) if has_width else None,
        "high": round(high, 1) if has_width else None,
        "method": method,
        "seasonal": seasonal,
        "mape": accuracy["mape"],
        "backtest": accuracy["pairs"],
        "accuracy": accuracy_text,
    }
