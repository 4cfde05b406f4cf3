"""The KPI dashboard's figures, each computed by a `kpi_*` selector of the app that owns the data.

Contract for owning apps: a function `kpi_<what>` in `<app>/selectors.py` taking keyword-only
`start: date, end: date, unit: Unit | None` (and `plan: Plan | None` for the figures marked
`by_plan`, which the dashboard and the annual report can narrow to one plan) and returning a list
of `lantoa.core.panels.Count` (label, value, url to the matching admin list, tone). The dashboard,
the annual report's annex and the XLSX annex all read these same functions, so their figures agree.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from lantoa.core.panels import Count
from lantoa.insights.selectors import (
    kpi_foreign_coverage,
    kpi_items_by_tone,
    kpi_items_by_topic,
    kpi_positive_neutral_share,
)
from lantoa.monitoring.selectors import kpi_items_by_language, kpi_items_by_outlet_type
from lantoa.people.selectors import kpi_collaborators, kpi_training
from lantoa.plans.kpi import kpi_inspections
from lantoa.plans.selectors import kpi_dissemination_coverage, kpi_tasks_by_status
from lantoa.promotion.selectors import (
    kpi_output_by_channel,
    kpi_output_by_language,
    kpi_output_by_theme,
    kpi_reach,
)
from lantoa.responses.selectors import (
    kpi_case_timeliness,
    kpi_clarification_effect,
    kpi_violations,
)

from .models import AnnualReportNarrative

FigureFunction = Callable[..., list[Count]]


@dataclass(frozen=True)
class FigureSpec:
    key: str
    title: str
    function: FigureFunction  # an owner app's kpi_* selector
    chart: str = "bar"  # "bar", "doughnut" or "none" (a table of single figures)
    note: str = ""
    by_plan: bool = False  # the function takes `plan` (None: every plan)
    # The counts are parts of one whole (items by topic…): "what changed" gives the total's
    # change and the parts that moved it (lantoa.reports.changes).
    parts: bool = False


@dataclass
class Figure:
    """One dashboard figure: its spec and the counts its owner's selector gave."""

    spec: FigureSpec
    counts: list[Count] | None = None
    extra: dict = field(default_factory=dict)

    @property
    def has_data(self) -> bool:
        return bool(self.counts)


NOT_BY_UNIT = "Không chia theo đơn vị."

FIGURES: list[FigureSpec] = [
    FigureSpec(
        "dissemination",
        "Quán triệt, phổ biến kế hoạch",
        kpi_dissemination_coverage,
        by_plan=True,
    ),
    FigureSpec(
        "tasks",
        "Nhiệm vụ theo tình trạng",
        kpi_tasks_by_status,
        "doughnut",
        by_plan=True,
        parts=True,
    ),
    FigureSpec(
        "inspections",
        "Kiểm tra, giám sát, đôn đốc",
        kpi_inspections,
        "none",
        note="Theo đơn vị được kiểm tra.",
        by_plan=True,
    ),
    FigureSpec("monitoring_topic", "Tin theo chủ đề", kpi_items_by_topic, parts=True),
    FigureSpec("monitoring_tone", "Tin theo sắc thái", kpi_items_by_tone, "doughnut", parts=True),
    FigureSpec(
        "positive_share",
        "Tỷ lệ thông tin tích cực và trung lập",
        kpi_positive_neutral_share,
        "none",
    ),
    FigureSpec(
        "monitoring_language",
        "Tin theo ngôn ngữ",
        kpi_items_by_language,
        note=NOT_BY_UNIT,
        parts=True,
    ),
    FigureSpec(
        "monitoring_outlet",
        "Tin theo loại kênh",
        kpi_items_by_outlet_type,
        "doughnut",
        note=NOT_BY_UNIT,
        parts=True,
    ),
    FigureSpec(
        "foreign_coverage",
        "Thông tin nước ngoài về địa phương",
        kpi_foreign_coverage,
        "none",
        note=NOT_BY_UNIT,
    ),
    FigureSpec("cases", "Vụ việc và thời gian xử lý", kpi_case_timeliness, "none"),
    FigureSpec(
        "clarification_effect",
        "Hiệu quả làm rõ thông tin",
        kpi_clarification_effect,
        "none",
        note="Tỷ số số lần thông tin xuất hiện lại mỗi ngày sau/trước khi công bố bản làm rõ.",
    ),
    FigureSpec(
        "violations",
        "Vi phạm trong hoạt động thông tin đối ngoại",
        kpi_violations,
        "none",
        note="Theo đơn vị xử lý.",
    ),
    FigureSpec(
        "promotion_language", "Tin bài quảng bá theo ngôn ngữ", kpi_output_by_language, parts=True
    ),
    FigureSpec(
        "promotion_channel",
        "Tin bài quảng bá theo kênh",
        kpi_output_by_channel,
        "doughnut",
        parts=True,
    ),
    FigureSpec("promotion_theme", "Tin bài quảng bá theo chủ đề", kpi_output_by_theme, parts=True),
    FigureSpec("promotion_reach", "Lượt tiếp cận", kpi_reach, "none"),
    FigureSpec("training", "Tập huấn, bồi dưỡng", kpi_training),
    FigureSpec("collaborators", "Cộng tác viên", kpi_collaborators),
]


def figure_compute(spec: FigureSpec, *, start: date, end: date, unit=None, plan=None) -> Figure:
    kwargs = {"plan": plan} if spec.by_plan else {}
    return Figure(spec=spec, counts=list(spec.function(start=start, end=end, unit=unit, **kwargs)))


def kpi_figures(
    *, start: date, end: date, unit=None, plan=None, keys: list[str] | None = None
) -> list[Figure]:
    """Every dashboard figure for the period, unit (None = the whole ward) and plan (None =
    every plan; only the plan's own figures change)."""
    return [
        figure_compute(spec, start=start, end=end, unit=unit, plan=plan)
        for spec in FIGURES
        if keys is None or spec.key in keys
    ]


def narrative_for(*, plan_number: str, year: int):
    """The plan's narrative for the year, else the one written for every plan; a report that
    covers every plan (no plan number) uses the year's narrative when there is only one."""
    narratives = AnnualReportNarrative.objects.filter(year=year)
    found = (
        narratives.filter(plan_number=plan_number).first()
        or narratives.filter(plan_number="").first()
    )
    if found is None and not plan_number and narratives.count() == 1:
        found = narratives.get()
    return found
