"""The annual report's own written parts: assessment and directions (edited in the admin)."""

from lantoa.core.reporting import ReportContext, ReportSection, report_section

from .selectors import narrative_for

MISSING = (
    "(Chưa nhập nội dung — cập nhật tại mục Số liệu › Nội dung đánh giá báo cáo năm trong trang "
    "quản trị.)"
)


def plan_number_of(ctx: ReportContext) -> str:
    plan = ctx.plan
    if plan is None:
        return ""
    directive = getattr(plan, "directive", None)
    return str(getattr(directive, "code", None) or getattr(plan, "number", plan))


def _part(heading: str, text: str) -> list[str]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return [heading, *(lines or [MISSING])]


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
            *(_part("4. Bài học kinh nghiệm", get("lessons")) if get("lessons") else []),
        ],
    )


@report_section(key="directions", order=950)
def directions_section(ctx: ReportContext) -> ReportSection:
    narrative = narrative_for(plan_number=plan_number_of(ctx), year=ctx.year)
    paragraphs = _part(
        f"Phương hướng, nhiệm vụ năm {ctx.year + 1}", getattr(narrative, "directions", "")
    )[1:]
    recommendations = getattr(narrative, "recommendations", "")
    if recommendations:
        paragraphs += ["Đề xuất, kiến nghị:", *recommendations.splitlines()]
    return ReportSection(
        key="directions",
        title=f"Phương hướng, nhiệm vụ năm {ctx.year + 1}",
        order=950,
        paragraphs=paragraphs,
    )
