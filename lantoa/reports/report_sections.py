"""The annual report's own parts: the written assessment and directions (edited in the admin),
and the annex that repeats the dashboard's figures so report and dashboard can be compared."""

from lantoa.core.reporting import (
    ANNEX_FROM,
    Heading,
    Link,
    ReportContext,
    ReportSection,
    ReportTable,
    report_section,
)
from lantoa.core.text import vn_date, vn_number

from .changes import Change, figures_changes, signed
from .selectors import kpi_figures, narrative_for

MISSING = (
    "(Chưa nhập nội dung — cập nhật tại mục Số liệu › Nội dung đánh giá báo cáo năm trong trang "
    "quản trị.)"
)
NO_DATA = "chưa có dữ liệu"


def plan_number_of(ctx: ReportContext) -> str:
    plan = ctx.plan
    if plan is None:
        return ""
    directive = getattr(plan, "directive", None)
    return str(getattr(directive, "code", None) or getattr(plan, "number", plan))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _part(heading: str, text: str) -> list[str]:
    return [Heading(heading), *(_lines(text) or [MISSING])]


@report_section(key="assessment", order=900)
def assessment_section(ctx: ReportContext) -> ReportSection:
    narrative = narrative_for(plan_number=plan_number_of(ctx), year=ctx.year)
    get = lambda name: getattr(narrative, name, "")  # noqa: E731
    return ReportSection(
        key="assessment",
        title="Đánh giá chung",
        order=900,
        paragraphs=[
            *_part("1. Ưu điểm", get("strengths")),
            *_part("2. Hạn chế", get("shortcomings")),
            *_part("3. Nguyên nhân", get("causes")),
            *_part("4. Bài học kinh nghiệm", get("lessons")),
        ],
    )


@report_section(key="directions", order=950)
def directions_section(ctx: ReportContext) -> ReportSection:
    narrative = narrative_for(plan_number=plan_number_of(ctx), year=ctx.year)
    return ReportSection(
        key="directions",
        title=f"Phương hướng, nhiệm vụ năm {ctx.year + 1}",
        order=950,
        paragraphs=_lines(getattr(narrative, "directions", "")) or [MISSING],
    )


@report_section(key="recommendations", order=980)
def recommendations_section(ctx: ReportContext) -> ReportSection:
    """Always present (a Party report ends its body with it), a placeholder until written."""
    narrative = narrative_for(plan_number=plan_number_of(ctx), year=ctx.year)
    lines = _lines(getattr(narrative, "recommendations", ""))
    return ReportSection(
        key="recommendations", title="Kiến nghị, đề xuất", order=980, paragraphs=lines or [MISSING]
    )


def _change(value, before) -> str:
    """The change since last year ("+3", "−2", "0"), "" when either is not a number."""
    diff = Change(value, before).diff if before != "" else None
    return "" if diff is None else signed(diff)


def annex_rows(figures, previous=()) -> list[list]:
    """One row per dashboard figure value: [figure title, label, value, last year's value, change]
    ("chưa có dữ liệu"); the value links to the admin list it counts when there is one."""
    before = {(f.spec.key, str(c.label)): c.value for f in previous for c in f.counts or []}
    rows = []
    for figure in figures:
        if not figure.has_data:
            rows.append([figure.spec.title, "", NO_DATA, "", ""])
        for count in figure.counts or []:
            then = before.get((figure.spec.key, str(count.label)), "")
            value = Link(vn_number(count.value), count.url) if count.url else count.value
            rows.append(
                [figure.spec.title, str(count.label), value, then, _change(count.value, then)]
            )
    return rows


@report_section(key="annex", order=ANNEX_FROM)
def annex_section(ctx: ReportContext) -> ReportSection:
    figures = kpi_figures(start=ctx.start, end=ctx.end, unit=ctx.unit, plan=ctx.plan)
    previous = kpi_figures(
        start=ctx.start.replace(year=ctx.start.year - 1),
        end=ctx.end.replace(year=ctx.end.year - 1),
        unit=ctx.unit,
        plan=ctx.plan,
    )
    changes = figures_changes(figures, previous, period_name="năm trước")
    scope = ctx.unit.name if ctx.unit is not None else "toàn phường"
    return ReportSection(
        key="annex",
        title=(
            f"Số liệu công tác thông tin đối ngoại từ {vn_date(ctx.start)} đến "
            f"{vn_date(ctx.end)}, {scope} (như trang Số liệu)"
        ),
        order=ANNEX_FROM,
        tables=[
            ReportTable(
                "",
                ["Nội dung", "Chỉ số", f"Năm {ctx.year}", f"Năm {ctx.year - 1}", "Thay đổi"],
                annex_rows(figures, previous),
            )
        ],
        # What changed since last year beside each figure, its main contributors named.
        paragraphs=[
            f"{change.title}: {change.summary}" for change in changes.values() if change.summary
        ],
        figures={f"{f.spec.key}:{c.label}": c.value for f in figures for c in f.counts or []},
    )
