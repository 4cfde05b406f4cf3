"""Monitoring and public-opinion figures for the annual report (computed from stored data)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from lantoa.core.reporting import ReportContext, ReportSection, ReportTable, report_section
from lantoa.core.text import vn_number
from lantoa.monitoring.models import Item

from .constants import Tone, TopicKind
from .models import Alert, ItemAnalysis, ItemMatch, Watchlist
from .selectors import topic_counts


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
            f"Trong kỳ, hệ thống thu thập {figures['items']} tin, trong đó "
            f"{figures['watchlist_matches']} lượt tin nhắc đến địa phương theo các danh sách "
            f"theo dõi; tỷ lệ thông tin tích cực và trung tính đạt {vn_number(share)}% "
            f"({tones[Tone.NEGATIVE]} tin tiêu cực); {sensitive} tin thuộc chủ đề nhạy cảm; "
            f"{alerts} cảnh báo đã được phát ra.",
        ],
        tables=[
            ReportTable("Tin theo danh sách theo dõi", ["Danh sách", "Số tin"], rows),
            ReportTable(
                "Tin theo chủ đề", ["Chủ đề", "Số tin"], [[t.name, n] for t, n in by_topic]
            ),
        ],
        figures={**figures, **{f"topic:{topic.name}": n for topic, n in by_topic}},
    )
