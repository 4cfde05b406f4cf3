"""Dashboard figures built from other apps' selectors, until those apps export `kpi_*` functions.

Each adapter calls only the owner's public selectors and returns `Count`s linking to the owner's
admin list. They use the same selectors and arguments as the owners' report sections, so the
dashboard and the annual report agree.
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.core.panels import Count


def _link(app_label: str, model_name: str, **params) -> str:
    from .selectors import admin_list_url

    return admin_list_url(app_label, model_name, **params)


def tasks_by_status(*, start: date, end: date, unit=None, plan=None) -> list[Count]:
    """Tasks by status bucket as the plans section counts them (lead unit, as of the period end)."""
    from lantoa.plans import selectors as plans
    from lantoa.plans.constants import Bucket

    tasks = plans.plan_tasks_in_period(plan, start=start, end=end)
    if unit is not None:
        tasks = tasks.filter(lead_unit=unit)
    counts = plans.bucket_counts(tasks, as_of=min(end, timezone.localdate()))
    if not any(n for bucket, n in counts.items() if bucket != Bucket.CANCELLED):
        return []
    return [
        Count(
            str(label),
            counts[bucket],
            _link(
                "plans",
                "task",
                bucket=bucket,
                lead_unit=unit.pk if unit else "",
                plan=plan.pk if plan else "",
            ),
            tone="warning" if bucket == Bucket.OPEN_OVERDUE and counts[bucket] else "",
        )
        for bucket, label in Bucket.choices
        if bucket != Bucket.CANCELLED
    ]


def dissemination_coverage(*, start: date, end: date, unit=None, plan=None) -> list[Count]:
    """Dissemination sessions held in the period on the plan's directives (every directive when
    `plan` is None), by the organising unit when given: the plans report section's own count."""
    from django.db.models import Count as CountAgg
    from django.db.models import Sum

    from lantoa.plans import selectors as plans

    sessions = plans.dissemination_sessions_in_period(plan=plan, start=start, end=end, unit=unit)
    totals = sessions.aggregate(
        sessions=CountAgg("pk"),
        organisations=CountAgg("organisation", distinct=True),
        invited=Sum("invited"),
        attended=Sum("attended"),
    )
    totals = {key: value or 0 for key, value in totals.items()}
    if not totals["sessions"]:
        return []
    url = _link(
        "plans",
        "disseminationsession",
        organisation=unit.pk if unit else "",
        directive=plan.directive_id if plan else "",
    )
    return [
        Count(_("Buổi quán triệt"), totals["sessions"], url),
        Count(_("Tổ chức đã quán triệt"), totals["organisations"], url),
        Count(_("Lượt người được mời"), totals["invited"]),
        Count(_("Lượt người tham dự"), totals["attended"]),
    ]


def _items(start: date, end: date):
    from .selectors import monitoring_items

    return monitoring_items(start=start, end=end)


def items_by_topic(*, start: date, end: date, unit=None) -> list[Count]:
    """Monitored items per topic of the taxonomy (items without a topic are not counted)."""
    from lantoa.insights import selectors as insights

    return [
        Count(
            topic.name,
            n,
            _link(
                "monitoring",
                "item",
                published_from=start.isoformat(),
                published_to=end.isoformat(),
                analysis__topic=topic.pk,
            ),
        )
        for topic, n in insights.topic_counts(_items(start, end))
    ]


def items_by_tone(*, start: date, end: date, unit=None) -> list[Count]:
    from lantoa.insights import selectors as insights
    from lantoa.insights.constants import Tone

    counts = insights.tone_counts(_items(start, end))
    if not any(counts.values()):
        return []
    return [Count(str(label), counts[tone]) for tone, label in Tone.choices]


def positive_neutral_share(*, start: date, end: date, unit=None) -> list[Count]:
    from lantoa.insights import selectors as insights
    from lantoa.insights.constants import Tone

    counts = insights.tone_counts(_items(start, end))
    known = sum(counts.values())
    if not known:
        return []
    share = round(100 * (counts[Tone.POSITIVE] + counts[Tone.NEUTRAL]) / known, 1)
    return [
        Count(_("Tỷ lệ tích cực và trung lập (%)"), share),
        Count(_("Tin đã xác định sắc thái"), known),
    ]


def case_timeliness(*, start: date, end: date, unit=None) -> list[Count]:
    """Cases detected in the period and how fast clarifications were published."""
    from lantoa.responses import selectors as responses

    cases = responses.cases_in_period(start, end)
    if unit is not None:
        cases = cases.filter(responsible_unit=unit)
    figures = responses.timeliness(cases)
    if not figures.cases:
        return []

    def hours(value):
        return round(value, 1) if value is not None else "—"

    share = figures.on_time_share
    return [
        Count(
            _("Vụ việc"),
            figures.cases,
            _link("responses", "case", responsible_unit=unit.pk if unit else ""),
        ),
        Count(_("Đã công bố làm rõ"), figures.publish_n),
        Count(_("Thời gian đến khi công bố – trung vị (giờ)"), hours(figures.publish_median_h)),
        Count(_("Thời gian đến khi công bố – 90% (giờ)"), hours(figures.publish_p90_h)),
        Count(
            _("Tỷ lệ đúng hạn (%)"),
            round(100 * share, 1) if share is not None else "—",
            tone="warning" if share is not None and share < 0.8 else "",
        ),
    ]


def _promotion(start: date, end: date) -> dict:
    from lantoa.promotion import selectors as promotion

    return promotion.output_figures(start=start, end=end)


def output_by_language(*, start: date, end: date, unit=None) -> list[Count]:
    from django.conf import settings

    names = dict(settings.LANGUAGES)
    by_language = _promotion(start, end)["pages_by_language"]
    return [
        Count(str(names.get(code, code)), n)
        for code, n in sorted(by_language.items(), key=lambda kv: -kv[1])
    ]


def output_by_channel(*, start: date, end: date, unit=None) -> list[Count]:
    from lantoa.promotion.constants import Channel

    labels = dict(Channel.choices)
    posts = _promotion(start, end)["posts_by_channel"]
    return [
        Count(
            str(labels.get(channel, channel)),
            row["posts"],
            _link("promotion", "channelpost", channel=channel),
        )
        for channel, row in sorted(posts.items())
    ]


def output_by_theme(*, start: date, end: date, unit=None) -> list[Count]:
    themes = _promotion(start, end)["pages_by_theme"]
    return [Count(name, n) for name, n in sorted(themes.items())]


def reach(*, start: date, end: date, unit=None) -> list[Count]:
    figures = _promotion(start, end)
    if not (figures["reach"] or figures["interactions"]):
        return []
    url = _link("promotion", "channelpost")
    return [
        Count(_("Lượt tiếp cận"), figures["reach"], url),
        Count(_("Lượt tương tác"), figures["interactions"], url),
    ]
