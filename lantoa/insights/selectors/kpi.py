"""KPI figures of insights (the reports dashboard, the annual report's annex)."""

from datetime import date

from django.utils.translation import gettext as _

from lantoa.core import panels
from lantoa.monitoring.selectors import item_list_url, items_published_in_period

from ..constants import (
    Tone,
)
from .volumes import foreign_items, tone_counts, topic_counts, unknown_tone_share


def kpi_items_by_topic(*, start: date, end: date, unit=None) -> list[panels.Count]:
    """Monitored items per topic of the taxonomy (items without a topic are not counted)."""
    items = items_published_in_period(start=start, end=end)
    return [
        panels.Count(topic.name, n, item_list_url(start=start, end=end, analysis__topic=topic.pk))
        for topic, n in topic_counts(items)
    ]


def kpi_items_by_tone(*, start: date, end: date, unit=None) -> list[panels.Count]:
    counts = tone_counts(items_published_in_period(start=start, end=end))
    if not any(counts.values()):
        return []
    return [
        panels.Count(
            str(label), counts[tone], item_list_url(start=start, end=end, analysis__tone=tone)
        )
        for tone, label in Tone.choices
    ]


def kpi_positive_neutral_share(*, start: date, end: date, unit=None) -> list[panels.Count]:
    """Positive + neutral among items of known tone in every language; the items of unknown
    tone (not analysed, or in a language no analyser reads) are left out and shown beside."""
    items = items_published_in_period(start=start, end=end)
    counts = tone_counts(items)
    known = sum(counts.values())
    if not known:
        return []
    share = round(100 * (counts[Tone.POSITIVE] + counts[Tone.NEUTRAL]) / known, 1)
    unknown, unknown_share = unknown_tone_share(items)
    # A share links to the items it is a share of, its denominator.
    known_url = item_list_url(start=start, end=end, tone_known="true")
    return [
        panels.Count(_("Tỷ lệ tích cực và trung lập (%)"), share, known_url, basis=known),
        panels.Count(_("Tin đã xác định sắc thái"), known, known_url),
        panels.Count(
            _("Tin chưa xác định sắc thái"),
            unknown,
            item_list_url(start=start, end=end, tone_known="false"),
        ),
        panels.Count(
            _("Tỷ lệ chưa xác định sắc thái (%)"),
            round(100 * (unknown_share or 0), 1),
            item_list_url(start=start, end=end),
            basis=known + unknown,
        ),
    ]


def kpi_foreign_coverage(*, start: date, end: date, unit=None) -> list[panels.Count]:
    """Items from foreign outlets or in another language, and their share of everything
    monitored (`foreign_items`: the same rule as the item list's "foreign" filter)."""
    items = items_published_in_period(start=start, end=end)
    total = items.count()
    if not total:
        return []
    foreign = foreign_items(items)
    foreign_count = foreign.count()
    foreign_url = item_list_url(start=start, end=end, foreign="true")
    return [
        panels.Count(_("Tin từ nguồn nước ngoài"), foreign_count, foreign_url),
        # The sources are read from the foreign items listed (the list shows each one's source).
        panels.Count(
            _("Số nguồn nước ngoài có tin"),
            foreign.values("source").distinct().count(),
            foreign_url,
            basis=foreign_count,
        ),
        panels.Count(
            _("Tỷ lệ tin nước ngoài (%)"),
            round(100 * foreign_count / total, 1),
            item_list_url(start=start, end=end),
            basis=total,
        ),
    ]
