"""The promotion section of the annual report: output by language, channel and theme; reach."""

from django.conf import settings

from lantoa.core.reporting import (
    Link,
    ReportContext,
    ReportSection,
    ReportTable,
    cite,
    report_section,
)
from lantoa.core.selectors import office

from .constants import Channel
from .selectors import output_figures, pages_url, posts_url


@report_section(key="promotion", order=500)
def promotion_section(ctx: ReportContext) -> ReportSection:
    figures = output_figures(start=ctx.start, end=ctx.end)
    names = dict(settings.LANGUAGES)
    by_language = figures["pages_by_language"]
    by_channel = figures["posts_by_channel"]
    plan_done = figures["plan_published_by_channel"]
    pages_total = sum(by_language.values())
    posts_total = sum(row["posts"] for row in by_channel.values())
    section = ReportSection(
        key="promotion",
        title=(f"Tuyên truyền, quảng bá hình ảnh {office().place} - {office().province}"),
        order=500,
        paragraphs=[
            cite(
                f"Năm {ctx.year}, cổng thông tin đăng mới ",
                Link(f"{pages_total} trang", pages_url(start=ctx.start, end=ctx.end)),
                f" bằng {len(by_language)} ngôn ngữ; ",
                Link(f"{posts_total} bài đăng", posts_url(start=ctx.start, end=ctx.end)),
                f" trên các kênh ngoài với {figures['reach']} lượt tiếp cận và "
                f"{figures['interactions']} lượt tương tác (số liệu do các nền tảng báo cáo, cán "
                "bộ nhập vào Lantoa).",
            )
        ],
        tables=[
            ReportTable(
                "Trang mới trên cổng thông tin theo ngôn ngữ",
                ["Ngôn ngữ", "Số trang"],
                [[names.get(code, code), count] for code, count in sorted(by_language.items())],
            ),
            ReportTable(
                "Nội dung theo kênh",
                ["Kênh", "Nội dung kế hoạch đã đăng", "Bài đăng ghi nhận", "Tiếp cận", "Tương tác"],
                [
                    [
                        label,
                        plan_done.get(code, 0),
                        by_channel.get(code, {}).get("posts", 0),
                        by_channel.get(code, {}).get("reach", 0) or 0,
                        by_channel.get(code, {}).get("interactions", 0) or 0,
                    ]
                    for code, label in Channel.choices
                ],
            ),
            ReportTable(
                "Tin, sự kiện theo chủ đề",
                ["Chủ đề", "Số trang"],
                [[name, count] for name, count in sorted(figures["pages_by_theme"].items())],
            ),
        ],
        figures={
            "pages": pages_total,
            "posts": posts_total,
            "reach": figures["reach"],
            "interactions": figures["interactions"],
        },
    )
    return section
