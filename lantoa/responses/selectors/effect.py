"""Does a clarification work? The claim's recurrences per day before and after the clarification
was published, and the change in rate.

Method (said in plain Vietnamese in EFFECT_METHOD): the recurrences not rejected by a reviewer are
counted in the WINDOW_DAYS days before publication and in the days after it (at most WINDOW_DAYS,
up to now). Each side is a Poisson count over its number of days; the rate ratio is (after per
day) / (before per day). Its 95 % interval is the exact conditional one (given the total, the
after-count is binomial; Clopper-Pearson through scipy), the method of R's `poisson.test`.
Several cases together: the Mantel-Haenszel rate ratio, each case a stratum, with the
Greenland-Robins variance (a Wald interval on the log scale). Fewer than MIN_DAYS days on either
side, or no recurrence before publication: "chưa đủ dữ liệu".
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from scipy.stats import binomtest

from lantoa.core import panels

from ..constants import RecurrenceReview
from ..models import Case, ClaimRecurrence

WINDOW_DAYS = 28
MIN_DAYS = 7
NOT_ENOUGH = gettext_lazy("chưa đủ dữ liệu")
EFFECT_METHOD = gettext_lazy(
    "Đếm số lần thông tin xuất hiện lại (trừ các lần người xem xét đánh dấu «không đúng») trong "
    "tối đa 28 ngày trước và 28 ngày sau khi công bố bản làm rõ, chia cho số ngày để có số lần "
    "mỗi ngày. Tỷ số = số lần mỗi ngày sau ÷ số lần mỗi ngày trước: nhỏ hơn 1 là thông tin lan "
    "chậm lại. Khoảng tin cậy 95% tính theo phân phối Poisson (phương pháp chính xác có điều "
    "kiện); nhiều vụ việc gộp theo phương pháp Mantel-Haenszel. Cần ít nhất 7 ngày mỗi bên và ít "
    "nhất một lần xuất hiện trước khi công bố."
)


@dataclass
class RateChange:
    """The change in a claim's daily rate after its clarification (None fields: not enough)."""

    before: int
    before_days: float
    after: int
    after_days: float
    ratio: float | None = None
    low: float | None = None
    high: float | None = None

    @property
    def enough(self) -> bool:
        return self.ratio is not None

    def label(self) -> str:
        if not self.enough:
            return str(NOT_ENOUGH)
        return f"{_vn(self.ratio)} ({_vn(self.low)}–{_vn(self.high)})"


def _vn(value: float | None) -> str:
    if value is None:
        return "—"
    if math.isinf(value):
        return "∞"
    return f"{value:.2f}".replace(".", ",")


def _enough(before: int, before_days: float, after_days: float) -> bool:
    return before > 0 and before_days >= MIN_DAYS and after_days >= MIN_DAYS


def rate_ratio(*, before: int, before_days: float, after: int, after_days: float) -> RateChange:
    """Rate ratio after/before with the exact conditional 95 % interval (R's poisson.test)."""
    change = RateChange(before, before_days, after, after_days)
    if not _enough(before, before_days, after_days):
        return change
    scale = before_days / after_days
    interval = binomtest(after, after + before).proportion_ci(0.95, method="exact")

    def odds(p: float) -> float:
        return math.inf if p >= 1 else p / (1 - p) * scale

    change.ratio = after / after_days / (before / before_days)
    change.low, change.high = odds(interval.low), odds(interval.high)
    return change


def rate_ratio_pooled(changes: list[RateChange]) -> RateChange:
    """Mantel-Haenszel rate ratio over cases (strata) with the Greenland-Robins interval."""
    usable = [c for c in changes if c.enough]
    pooled = RateChange(
        sum(c.before for c in usable),
        sum(c.before_days for c in usable),
        sum(c.after for c in usable),
        sum(c.after_days for c in usable),
    )
    if not usable:
        return pooled
    numerator = denominator = variance = 0.0
    for c in usable:
        total = c.before_days + c.after_days
        numerator += c.after * c.before_days / total
        denominator += c.before * c.after_days / total
        variance += (c.after + c.before) * c.after_days * c.before_days / total**2
    if numerator == 0:
        pooled.ratio, pooled.low = 0.0, 0.0
        pooled.high = math.inf
        return pooled
    pooled.ratio = numerator / denominator
    spread = 1.96 * math.sqrt(variance / (numerator * denominator))
    pooled.low = pooled.ratio * math.exp(-spread)
    pooled.high = pooled.ratio * math.exp(spread)
    return pooled


def counted_recurrences(case: Case) -> QuerySet[ClaimRecurrence]:
    return case.recurrences.exclude(review_state=RecurrenceReview.REJECTED)


def effect_windows(case: Case, now: datetime | None = None) -> tuple[datetime, datetime, datetime]:
    """(start of before, publication, end of after) of a published case."""
    now = now or timezone.now()
    published = case.published_at
    return (
        published - timedelta(days=WINDOW_DAYS),
        published,
        min(now, published + timedelta(days=WINDOW_DAYS)),
    )


@dataclass
class CaseEffect:
    """One case's curve and rate change (`change` None when it has no clarification yet)."""

    case: Case
    days: list[date] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    change: RateChange | None = None
    published_on: date | None = None
    links: dict[str, str] = field(default_factory=dict)


def _days(delta: timedelta) -> float:
    return max(delta.total_seconds() / 86400, 0.0)


def recurrences_list_url(case: Case, start: datetime | None = None, end: datetime | None = None):
    """The admin list of the recurrences counted (not rejected), for a case and a time span."""
    return panels.admin_list_url(
        "responses",
        "claimrecurrence",
        case=case.pk,
        counted="true",
        appeared_from=timezone.localtime(start).isoformat() if start else "",
        appeared_to=timezone.localtime(end).isoformat() if end else "",
    )


def case_effect(case: Case, now: datetime | None = None) -> CaseEffect:
    """The per-day recurrences around publication (or of the last WINDOW_DAYS days before it)
    and the rate change; one query."""
    now = now or timezone.now()
    effect = CaseEffect(case)
    if case.published_at:
        start, published, end = effect_windows(case, now)
        effect.published_on = timezone.localdate(published)
    else:
        start, published, end = now - timedelta(days=WINDOW_DAYS), None, now
    moments = list(
        counted_recurrences(case)
        .filter(appeared_at__gte=start, appeared_at__lt=end)
        .values_list("appeared_at", flat=True)
    )
    first, last = timezone.localdate(start), timezone.localdate(end)
    effect.days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    per_day = dict.fromkeys(effect.days, 0)
    for moment in moments:
        per_day[timezone.localdate(moment)] = per_day.get(timezone.localdate(moment), 0) + 1
    effect.counts = [per_day[day] for day in effect.days]
    if published is not None:
        before = sum(1 for m in moments if m < published)
        effect.change = rate_ratio(
            before=before,
            before_days=_days(published - start),
            after=len(moments) - before,
            after_days=_days(end - published),
        )
        effect.links = {
            "before": recurrences_list_url(case, start, published),
            "after": recurrences_list_url(case, published, end),
            "all": recurrences_list_url(case, start, end),
        }
    return effect


def cases_effect(cases: QuerySet[Case], now: datetime | None = None) -> list[CaseEffect]:
    """The effect of every published case in `cases` (one query per case: cases are few)."""
    return [case_effect(case, now) for case in cases.filter(published_at__isnull=False)]


def kpi_clarification_effect(*, start, end, unit=None) -> list[panels.Count]:
    """ "Hiệu quả làm rõ thông tin": per clarification published in the period and overall, the
    rate ratio of the claim's recurrences after/before publication with its 95 % interval."""
    cases = Case.objects.filter(published_at__date__gte=start, published_at__date__lte=end)
    if unit is not None:
        cases = cases.filter(responsible_unit=unit)
    effects = cases_effect(cases.order_by("published_at", "pk"))
    if not effects:
        return []
    counts = []
    for effect in effects:
        change = effect.change
        counts += [
            panels.Count(
                _("#%(id)s trước khi công bố: số lần xuất hiện") % {"id": effect.case.pk},
                change.before,
                effect.links["before"],
            ),
            panels.Count(
                _("#%(id)s sau khi công bố: số lần xuất hiện") % {"id": effect.case.pk},
                change.after,
                effect.links["after"],
            ),
            # A ratio, computed from the recurrences of both spans: they are its basis.
            panels.Count(
                _("#%(id)s tỷ số sau/trước (khoảng tin cậy 95%%)") % {"id": effect.case.pk},
                change.label(),
                effect.links["all"],
                basis=change.before + change.after,
            ),
        ]
    overall = rate_ratio_pooled([e.change for e in effects])
    published = panels.admin_list_url(
        "responses",
        "case",
        published_from=start.isoformat(),
        published_to=end.isoformat(),
        **({"responsible_unit": unit.pk} if unit is not None else {}),
    )
    counts += [
        panels.Count(_("Bản làm rõ công bố trong kỳ"), len(effects), published),
        # Pooled over the clarifications listed: they are its basis.
        panels.Count(
            _("Chung: tỷ số sau/trước (khoảng tin cậy 95%)"),
            overall.label(),
            published,
            basis=len(effects),
        ),
    ]
    return counts
