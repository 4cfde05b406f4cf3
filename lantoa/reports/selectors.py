"""The KPI dashboard's figures, each computed by a selector of the app that owns the data.

Contract for owning apps: a function in `<app>/selectors.py` named as in FIGURES below, taking
keyword-only `start: date, end: date, unit: Unit | None` (and `plan: Plan | None` for the figures
marked `by_plan`, which the dashboard and the annual report can narrow to one plan) and returning a
list of
`lantoa.core.panels.Count` (label, value, url to the matching admin list, tone). The dashboard, the
annual report's annex and the XLSX annex all read these same functions, so their figures agree.
A figure whose owner has no such function yet shows "chưa có dữ liệu".
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from django.db.models import Count as CountAgg
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode

from lantoa.core.panels import Count

from . import figures_adapters as adapters

FigureFunction = Callable[..., list[Count]]


@dataclass(frozen=True)
class FigureSpec:
    key: str
    title: str
    owner: str  # the app module whose selectors compute it
    function: str
    chart: str = "bar"  # "bar", "doughnut" or "none" (a table of single figures)
    fallback: FigureFunction | None = None
    note: str = ""
    by_plan: bool = False  # the function takes `plan` (None: every plan)


@dataclass
class Figure:
    spec: FigureSpec
    counts: list[Count] | None = None
    extra: dict = field(default_factory=dict)

    @property
    def has_data(self) -> bool:
        return bool(self.counts)


def admin_list_url(app_label: str, model_name: str, **params) -> str:
    """The admin list of a model (snippet or ModelViewSet), or "" when it has none yet."""
    names = (
        f"wagtailsnippets_{app_label}_{model_name}:list",
        f"{app_label}_{model_name}:index",
        f"{model_name}:index",
    )
    for name in names:
        try:
            base = reverse(name)
        except NoReverseMatch:
            continue
        query = {key: value for key, value in params.items() if value not in (None, "")}
        return f"{base}?{urlencode(query)}" if query else base
    return ""


# --- Monitoring figures from the published Source/Item contract --------------------------------
# Used until lantoa.monitoring.selectors provides its own kpi_* functions. Items are counted by
# their publication time, as the insights report section counts them; monitoring has no units.


def _period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end, time.max), tz),
    )


def monitoring_items(*, start: date, end: date):
    from lantoa.monitoring.models import Item

    low, high = _period_bounds(start, end)
    return Item.objects.filter(published_at__gte=low, published_at__lte=high)


def _item_params(start: date, end: date, **extra) -> dict:
    return {"published_from": start.isoformat(), "published_to": end.isoformat(), **extra}


def monitoring_by_language(*, start: date, end: date, unit=None) -> list[Count]:
    rows = (
        monitoring_items(start=start, end=end)
        .values("language")
        .annotate(n=CountAgg("pk"))
        .order_by("-n", "language")
    )
    return [
        Count(
            row["language"] or "?",
            row["n"],
            admin_list_url(
                "monitoring", "item", **_item_params(start, end, language=row["language"])
            ),
        )
        for row in rows
    ]


def monitoring_by_outlet_type(*, start: date, end: date, unit=None) -> list[Count]:
    from lantoa.monitoring.constants import OutletType

    labels = dict(OutletType.choices)
    rows = (
        monitoring_items(start=start, end=end)
        .values("source__outlet_type")
        .annotate(n=CountAgg("pk"))
        .order_by("-n")
    )
    return [
        Count(
            str(labels.get(row["source__outlet_type"], row["source__outlet_type"])),
            row["n"],
            admin_list_url(
                "monitoring",
                "item",
                **_item_params(start, end, source__outlet_type=row["source__outlet_type"]),
            ),
        )
        for row in rows
    ]


def monitoring_foreign_coverage(*, start: date, end: date, unit=None) -> list[Count]:
    """Items from outlets outside Việt Nam, and their share of everything monitored."""
    items = monitoring_items(start=start, end=end)
    total = items.count()
    if not total:
        return []
    try:
        from lantoa.insights.selectors import foreign_items
    except ModuleNotFoundError:  # before insights: outlets registered outside Việt Nam
        foreign = items.filter(~Q(source__country="VN"))
    else:
        foreign = foreign_items(items)
    foreign_count = foreign.count()
    return [
        Count(
            "Tin từ nguồn nước ngoài",
            foreign_count,
            admin_list_url("monitoring", "item", **_item_params(start, end, foreign="true")),
        ),
        Count("Số nguồn nước ngoài có tin", foreign.values("source").distinct().count()),
        Count("Tỷ lệ tin nước ngoài (%)", round(100 * foreign_count / total, 1)),
    ]


FIGURES: list[FigureSpec] = [
    FigureSpec(
        "dissemination",
        "Quán triệt, phổ biến kế hoạch",
        "lantoa.plans",
        "kpi_dissemination_coverage",
        by_plan=True,
    ),
    FigureSpec(
        "tasks",
        "Nhiệm vụ theo tình trạng",
        "lantoa.plans",
        "kpi_tasks_by_status",
        "doughnut",
        by_plan=True,
    ),
    FigureSpec("monitoring_topic", "Tin theo chủ đề", "lantoa.insights", "kpi_items_by_topic"),
    FigureSpec(
        "monitoring_tone", "Tin theo sắc thái", "lantoa.insights", "kpi_items_by_tone", "doughnut"
    ),
    FigureSpec(
        "positive_share",
        "Tỷ lệ thông tin tích cực và trung lập",
        "lantoa.insights",
        "kpi_positive_neutral_share",
        "none",
    ),
    FigureSpec(
        "monitoring_language",
        "Tin theo ngôn ngữ",
        "lantoa.monitoring",
        "kpi_items_by_language",
        fallback=monitoring_by_language,
        note="Không chia theo đơn vị.",
    ),
    FigureSpec(
        "monitoring_outlet",
        "Tin theo loại kênh",
        "lantoa.monitoring",
        "kpi_items_by_outlet_type",
        "doughnut",
        fallback=monitoring_by_outlet_type,
        note="Không chia theo đơn vị.",
    ),
    FigureSpec(
        "foreign_coverage",
        "Thông tin nước ngoài về địa phương",
        "lantoa.monitoring",
        "kpi_foreign_coverage",
        "none",
        fallback=monitoring_foreign_coverage,
        note="Không chia theo đơn vị.",
    ),
    FigureSpec(
        "cases",
        "Vụ việc và thời gian xử lý",
        "lantoa.responses",
        "kpi_case_timeliness",
        "none",
    ),
    FigureSpec(
        "promotion_language",
        "Tin bài quảng bá theo ngôn ngữ",
        "lantoa.promotion",
        "kpi_output_by_language",
    ),
    FigureSpec(
        "promotion_channel",
        "Tin bài quảng bá theo kênh",
        "lantoa.promotion",
        "kpi_output_by_channel",
        "doughnut",
    ),
    FigureSpec(
        "promotion_theme",
        "Tin bài quảng bá theo chủ đề",
        "lantoa.promotion",
        "kpi_output_by_theme",
    ),
    FigureSpec("promotion_reach", "Lượt tiếp cận", "lantoa.promotion", "kpi_reach", "none"),
    FigureSpec("training", "Tập huấn, bồi dưỡng", "lantoa.people", "kpi_training"),
    FigureSpec("collaborators", "Cộng tác viên", "lantoa.people", "kpi_collaborators"),
]

# Until an owner exports its kpi_* function, an adapter over its existing selectors stands in.
_ADAPTERS: dict[str, FigureFunction] = {
    "kpi_dissemination_coverage": adapters.dissemination_coverage,
    "kpi_tasks_by_status": adapters.tasks_by_status,
    "kpi_items_by_topic": adapters.items_by_topic,
    "kpi_items_by_tone": adapters.items_by_tone,
    "kpi_positive_neutral_share": adapters.positive_neutral_share,
    "kpi_case_timeliness": adapters.case_timeliness,
    "kpi_output_by_language": adapters.output_by_language,
    "kpi_output_by_channel": adapters.output_by_channel,
    "kpi_output_by_theme": adapters.output_by_theme,
    "kpi_reach": adapters.reach,
}
FIGURES = [
    replace(spec, fallback=spec.fallback or _ADAPTERS.get(spec.function)) for spec in FIGURES
]


def _owner_function(spec: FigureSpec) -> FigureFunction | None:
    """The owner's own kpi_* function, else an adapter over its selectors; None before the owner
    app exists."""
    try:
        module = importlib.import_module(f"{spec.owner}.selectors")
    except ModuleNotFoundError as exc:
        if exc.name not in (spec.owner, f"{spec.owner}.selectors"):
            raise
        return None
    return getattr(module, spec.function, None) or spec.fallback


def figure_compute(spec: FigureSpec, *, start: date, end: date, unit=None, plan=None) -> Figure:
    function = _owner_function(spec)
    if function is None:
        return Figure(spec=spec, counts=None)
    kwargs = {"plan": plan} if spec.by_plan else {}
    return Figure(spec=spec, counts=list(function(start=start, end=end, unit=unit, **kwargs)))


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


def jobs_visible(user):
    """Leaders and administrators see every job; others see the jobs they started."""
    from lantoa.core.constants import Role
    from lantoa.core.roles import user_has_role

    from .models import Job

    jobs = Job.objects.select_related("created_by").prefetch_related("files")
    if user_has_role(user, Role.LEADER):
        return jobs
    return jobs.filter(created_by=user)


def narrative_for(*, plan_number: str, year: int):
    from .models import AnnualReportNarrative

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
