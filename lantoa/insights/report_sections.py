"""Monitoring and public-opinion figures for the annual report (computed from stored data)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from lantoa.core.panels import admin_list_url
from lantoa.core.reporting import (
    Link,
    ReportContext,
    ReportSection,
    ReportTable,
    cite,
    report_section,
)
from lantoa.core.text import vn_number
from lantoa.monitoring.models import Item
from lantoa.monitoring.selectors import item_list_url

from .constants import Tone, TopicKind
from .models import Alert, ItemAnalysis, ItemMatch, Watchlist
from .selectors import international_view, topic_counts


@report_section(key="insights", order=40)
def insights_section(ctx: ReportContext) -> ReportSection:
    start = timezone.make_aware(datetime.combine(ctx.start, time.min))
    end = timezone.make_aware(datetime.combine(ctx.end + timedelta(days=1), time.min))
    items = Item.objects.filter(published_at__gte=start, published_at__lt=end)
    analyses = ItemAnalysis.objects.filter(item__in=items.values("id"))
    tones = {t: analyses.filter(tone=t).count() for t in Tone.values}
    known = sum(tones.values())
    share = round(100 * (tones[Tone.POSITIVE] + tones[Tone.NEUTRAL]) / known, 1) if known else 0.0
    matches = ItemMatch.objects.filter(item__in=items.values("id"))
    rows = [
        [w.name, matches.filter(watchlist=w).count()] for w in Watchlist.objects.order_by("name")
    ]
    sensitive = analyses.filter(topic__kind=TopicKind.SENSITIVE).count()
    by_topic = topic_counts(items)
    alerts = Alert.objects.filter(created_at__gte=start, created_at__lt=end).count()

    def period_items(**params) -> str:
        return item_list_url(start=ctx.start, end=ctx.end, **params)

    figures = {
        "items": items.count(),
        "watchlist_matches": matches.count(),
        "positive": tones[Tone.POSITIVE],
        "neutral": tones[Tone.NEUTRAL],
        "negative": tones[Tone.NEGATIVE],
        "positive_neutral_share": share,
        "sensitive_items": sensitive,
        "alerts": alerts,
    }
    return ReportSection(
        key="insights",
        title="Theo dõi, phân tích dư luận",
        order=40,
        paragraphs=[
            # Each figure links to the admin list of what it counts, for the same period.
            cite(
                "Trong kỳ, hệ thống thu thập ",
                Link(f"{figures['items']} tin", period_items()),
                ", trong đó ",
                Link(
                    f"{figures['watchlist_matches']} lượt tin",
                    admin_list_url(
                        "insights",
                        "itemmatch",
                        published_from=ctx.start.isoformat(),
                        published_to=ctx.end.isoformat(),
                    ),
                ),
                " nhắc đến địa phương theo các danh sách theo dõi; tỷ lệ thông tin tích cực và "
                "trung tính đạt ",
                Link(f"{vn_number(share)}%", period_items(tone_known="true")),
                " (",
                Link(
                    f"{tones[Tone.NEGATIVE]} tin tiêu cực",
                    period_items(analysis__tone=Tone.NEGATIVE),
                ),
                f"); {sensitive} tin thuộc chủ đề nhạy cảm; ",
                Link(
                    f"{alerts} cảnh báo",
                    admin_list_url(
                        "insights",
                        "alert",
                        created_from=ctx.start.isoformat(),
                        created_to=ctx.end.isoformat(),
                    ),
                ),
                " đã được phát ra.",
            ),
        ],
        tables=[
            ReportTable("Tin theo danh sách theo dõi", ["Danh sách", "Số tin"], rows),
            ReportTable(
                "Tin theo chủ đề", ["Chủ đề", "Số tin"], [[t.name, n] for t, n in by_topic]
            ),
        ],
        figures={**figures, **{f"topic:{topic.name}": n for topic, n in by_topic}},
    )


@report_section(key="international", order=41)
def international_section(ctx: ReportContext) -> ReportSection:
    """International attitudes (seed III.2): coverage abroad by country, language and outlet
    type, tone month by month, and the stories that drove it (the page /admin/insights/
    international/ shows the same figures with drill-down links)."""
    view = international_view(start=ctx.start, end=ctx.end)
    tone_rows = [
        [row["month"].strftime("%m/%Y"), *[t["count"] for t in row["tones"]], row["unknown"]]
        for row in view["tone_by_month"]
    ]
    tones = {t: sum(r["tones"][i]["count"] for r in view["tone_by_month"]) for i, t in
             enumerate(Tone.values)}  # fmt: skip
    known = sum(tones.values())
    share = round(100 * (tones[Tone.POSITIVE] + tones[Tone.NEUTRAL]) / known, 1) if known else 0.0
    countries = ", ".join(f"{r['label']} ({r['count']})" for r in view["by_country"][:5])
    return ReportSection(
        key="international",
        title="Dư luận quốc tế về địa phương",
        order=41,
        paragraphs=[
            cite(
                "Trong kỳ có ",
                Link(f"{view['total']} tin", view["total_url"]),
                " của báo chí nước ngoài hoặc bằng tiếng nước ngoài"
                + (f", nhiều nhất từ {countries}" if countries else "")
                + "; tỷ lệ tích cực và trung tính trong số tin đã xác định sắc thái đạt "
                f"{vn_number(share)}% (",
                Link(
                    f"{known} tin đã xác định sắc thái",
                    view["total_url"] + "&tone_known=true" if view["total_url"] else "",
                ),
                ").",
            ),
        ],
        tables=[
            ReportTable(
                "Tin nước ngoài theo quốc gia",
                ["Quốc gia", "Số tin"],
                [[r["label"], r["count"]] for r in view["by_country"]],
            ),
            ReportTable(
                "Tin nước ngoài theo ngôn ngữ",
                ["Ngôn ngữ", "Số tin"],
                [[r["label"], r["count"]] for r in view["by_language"]],
            ),
            ReportTable(
                "Tin nước ngoài theo loại kênh",
                ["Loại kênh", "Số tin"],
                [[str(r["label"]), r["count"]] for r in view["by_outlet_type"]],
            ),
            ReportTable(
                "Sắc thái tin nước ngoài theo tháng",
                ["Tháng", *[str(Tone(t).label) for t in Tone.values], "Chưa xác định"],
                tone_rows,
            ),
            ReportTable(
                "Chuỗi tin tạo nên dư luận quốc tế",
                ["Chuỗi tin", "Số tin nước ngoài"],
                [[r["title"], r["count"]] for r in view["stories"]],
            ),
        ],
        figures={
            "foreign_items": view["total"],
            "foreign_positive_neutral_share": share,
            **{f"country:{r['key']}": r["count"] for r in view["by_country"]},
            **{f"language:{r['key']}": r["count"] for r in view["by_language"]},
        },
    )
