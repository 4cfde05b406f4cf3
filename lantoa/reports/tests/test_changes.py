"""'What changed since the last period' and the charts' axes, from Counts alone (no database)."""

from datetime import date

from lantoa.core.panels import Count
from lantoa.reports.changes import Change, figure_change, previous_period
from lantoa.reports.charts import chart_spec
from lantoa.reports.selectors import Figure, FigureSpec


def _figure(counts, *, parts=False, chart="bar"):
    spec = FigureSpec(
        "x", "Tin theo chủ đề", function=lambda **kw: counts, chart=chart, parts=parts
    )
    return Figure(spec=spec, counts=counts)


def test_the_previous_period_has_the_same_length_and_ends_the_day_before():
    assert previous_period(date(2026, 3, 1), date(2026, 3, 31)) == (
        date(2026, 1, 29),
        date(2026, 2, 28),
    )
    assert previous_period(date(2026, 1, 1), date(2026, 12, 31)) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
    )


def test_a_change_says_sign_and_percent_and_when_there_was_nothing_before():
    assert Change(12, 8).text == "+4 (+50 %)"
    assert Change(6, 8).text == "−2 (−25 %)"
    assert Change(5, None).text == "+5 (kỳ trước không có)"
    assert Change(7, 7).text == "0"
    assert Change("—", 3).text == ""


def test_parts_name_the_labels_that_moved_the_total_most():
    now = _figure(
        [Count("Du lịch", 30), Count("Đầu tư", 4), Count("Giáo dục", 9)],
        parts=True,
    )
    before = _figure(
        [Count("Du lịch", 10), Count("Đầu tư", 6), Count("Giáo dục", 9), Count("Biển", 5)],
        parts=True,
    )
    change = figure_change(now, before)
    # By hand: 43 now, 30 before; tourism +20, sea −5 (gone), investment −2, education 0.
    assert change.contributors == [("Du lịch", 20), ("Biển", -5), ("Đầu tư", -2)]
    assert change.summary == (
        "Tổng số tăng từ 30 lên 43 so với kỳ trước: +13 (+43,3 %). "
        "Thay đổi nhiều nhất: Du lịch (+20), Biển (−5), Đầu tư (−2)."
    )
    assert change.rows["Biển"].text == "−5 (−100 %)"


def test_other_figures_name_their_values_that_moved_most():
    now = _figure([Count("Vụ việc", 5), Count("Tỷ lệ đúng hạn (%)", 80.0, basis=4)])
    before = _figure([Count("Vụ việc", 5), Count("Tỷ lệ đúng hạn (%)", 90.0, basis=5)])
    change = figure_change(now, before, period_name="năm trước")
    assert change.summary == (
        "So với năm trước, thay đổi nhiều nhất: Tỷ lệ đúng hạn (%) −10 (−11,1 %)."
    )


def test_series_orders_of_magnitude_apart_get_a_logarithmic_axis_and_sums_their_own():
    spec = chart_spec(
        _figure(
            [
                Count("Tiếng Việt", 12000),
                Count("Tiếng Hàn", 12),
                Count("Lượt người tham dự", 300, basis=4),
            ]
        )
    )
    assert spec["labels"] == ["Tiếng Việt", "Tiếng Hàn", "Lượt người tham dự"]
    assert [d["axis"] for d in spec["datasets"]] == ["y", "y1"]
    assert spec["datasets"][0]["data"] == [12000, 12, None]
    assert spec["datasets"][1]["data"] == [None, None, 300]
    assert spec["scales"]["y"]["type"] == "logarithmic"
    assert "thang logarit" in spec["scales"]["y"]["title"]
    assert spec["scales"]["y1"]["type"] == "linear" and spec["scales"]["y1"]["position"] == "right"
    # Close values stay on a linear axis; a doughnut shows only the parts.
    assert chart_spec(_figure([Count("a", 5), Count("b", 40)]))["scales"]["y"]["type"] == "linear"
    doughnut = chart_spec(_figure([Count("a", 5), Count("Tỷ lệ", 40.0, basis=5)], chart="doughnut"))
    assert doughnut["labels"] == ["a"] and doughnut["scales"] == {}
