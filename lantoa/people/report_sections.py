"""The annual report's "people and training" section (plan section III.5)."""

from django.db.models import Count as CountAgg

from lantoa.core.reporting import (
    Link,
    ReportContext,
    ReportSection,
    ReportTable,
    cite,
    report_section,
)
from lantoa.core.text import vn_number

from . import selectors
from .constants import CollaboratorKind, WorkRole

SECTION_KEY = "people"


@report_section(key=SECTION_KEY, order=600)
def people_section(ctx: ReportContext) -> ReportSection:
    """Figures keyed like the dashboard's labels, so a test can compare them one to one."""
    period = {"start": ctx.start, "end": ctx.end, "unit": ctx.unit}
    training_counts = selectors.kpi_training(**period)
    collaborator_counts = selectors.kpi_collaborators(**period)
    figures = {str(count.label): count.value for count in training_counts + collaborator_counts}
    urls = {str(count.label): count.url for count in training_counts + collaborator_counts}

    def figure(label: str, text: str) -> Link:
        # The figure's words, linked to the admin list the dashboard links it to.
        return Link(text, urls.get(label, ""))

    staff_total = selectors.staff_active(unit=ctx.unit).count()
    figures["Cán bộ làm công tác TTĐN"] = staff_total

    activities = selectors.participations_by_activity(**period)
    trainings = selectors.trainings_in_period(**period).annotate(
        people=CountAgg("attendances", distinct=True)
    )
    by_role = dict(
        selectors.staff_active(unit=ctx.unit)
        .values_list("work_role")
        .annotate(n=CountAgg("pk"))
        .values_list("work_role", "n")
    )
    trained = figures["Cán bộ đã tập huấn"]
    share = round(100 * trained / staff_total, 1) if staff_total else 0
    paragraphs = [
        cite(
            f"Toàn phường có {staff_total} cán bộ làm công tác thông tin đối ngoại; trong năm đã "
            "tổ chức, cử cán bộ tham gia ",
            figure("Lớp tập huấn", f"{figures['Lớp tập huấn']} lớp tập huấn"),
            ", bồi dưỡng với ",
            figure("Lượt người tham gia", f"{figures['Lượt người tham gia']} lượt người"),
            "; ",
            figure("Cán bộ đã tập huấn", f"{trained} cán bộ"),
            f" ({vn_number(share)}%) đã được tập huấn, ",
            figure("Cán bộ chưa tập huấn", f"{figures['Cán bộ chưa tập huấn']} cán bộ"),
            " chưa được tập huấn.",
        ),
        "Lực lượng cộng tác viên (có sự đồng ý bằng văn bản hoặc hình thức tương đương): "
        + "; ".join(
            f"{label.lower()} {figures[str(label)]}" for _k, label in CollaboratorKind.choices
        )
        + f"; {figures['Lượt tham gia chiến dịch']} lượt tham gia các chiến dịch, sự kiện, "
        f"trong đó {figures['Lượt tham gia chiến dịch của lịch biên tập']} lượt tham gia "
        f"{len([a for a in activities if a['campaign_id']])} chiến dịch của lịch biên tập.",
    ]
    return ReportSection(
        key=SECTION_KEY,
        title="Xây dựng đội ngũ làm công tác thông tin đối ngoại",
        order=600,
        paragraphs=paragraphs,
        tables=[
            ReportTable(
                title="Các lớp tập huấn, bồi dưỡng trong năm",
                header=["Lớp tập huấn", "Thời gian", "Đơn vị tổ chức", "Số người"],
                rows=[
                    [t.title, f"{t.start_date:%d/%m/%Y}", t.organiser, t.people] for t in trainings
                ],
            ),
            ReportTable(
                title="Cán bộ làm công tác TTĐN theo vai trò",
                header=["Vai trò", "Số người"],
                rows=[[str(label), by_role.get(key, 0)] for key, label in WorkRole.choices],
            ),
            ReportTable(
                title="Cộng tác viên tham gia các chiến dịch, sự kiện",
                header=["Chiến dịch, sự kiện", "Số cộng tác viên", "Lượt tham gia"],
                rows=[
                    [
                        row["name"]
                        if row["campaign_id"]
                        else f"{row['name']} (ngoài lịch biên tập)",
                        row["collaborators"],
                        row["participations"],
                    ]
                    for row in activities
                ],
            ),
        ],
        figures=figures,
    )
