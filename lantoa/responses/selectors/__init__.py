"""Reads of the responses app: case lists, timelines and the timeliness figures.

Timeliness is measured from a case's detection time:
- time to first action: until the first state change made by a person;
- time to publish: until the clarification was first published;
- on time: published by the due time (detection + the severity's SLA). Cases still open after their
  due time count as late; cases not yet due and not published, and cases marked not applicable,
  are not counted in the share.
Medians and 90th percentiles interpolate linearly between ranks (numpy's default method).
"""

import math
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.core import panels
from lantoa.core.roles import scope_to_unit

from ..constants import (
    OPEN_STATES,
    VIOLATION_DECIDED_STATES,
    CaseState,
    Verdict,
    ViolationKind,
    ViolationOutcome,
    ViolationState,
)
from ..models import Case, CaseEvent, ClarificationPage, DeadlineNotice, Violation


def cases_visible_to(user) -> QuerySet[Case]:
    return scope_to_unit(Case.objects.all(), user, "responsible_unit")


def cases_open() -> QuerySet[Case]:
    return Case.objects.filter(state__in=OPEN_STATES)


def cases_overdue(now: datetime | None = None) -> QuerySet[Case]:
    return cases_open().filter(due_at__lt=now or timezone.now())


def cases_due_within(hours: float = 24, now: datetime | None = None) -> QuerySet[Case]:
    now = now or timezone.now()
    return cases_open().filter(due_at__gte=now, due_at__lt=now + timedelta(hours=hours))


def case_for_page(page) -> Case | None:
    """The case a clarification page was drafted for (None for any other page)."""
    if not isinstance(page, ClarificationPage):
        return None
    return Case.objects.filter(clarification_id=page.pk).first()


# Once a clarification is approved or published it changes only through a recorded correction.
LOCKED_STATES = (
    CaseState.APPROVED,
    CaseState.PUBLISHED,
    CaseState.PAUSED,
    CaseState.CLOSED,
    CaseState.NOT_APPLICABLE,
)


def clarification_edit_refusal(*, case: Case, submitting: bool, publishing: bool) -> str | None:
    """Why Wagtail's page editor may not save this clarification page (None when it may).

    A clarification goes public only through the leader workflow; once approved or published it
    changes only through a recorded correction in the case."""
    if case.state in LOCKED_STATES:
        return _(
            "Bản làm rõ này đã được duyệt hoặc công bố (vụ việc: %(state)s). Không sửa trực "
            "tiếp được: hãy tạm dừng và đính chính trong vụ việc."
        ) % {"state": case.get_state_display()}
    if submitting and case.state == CaseState.DRAFTING and case.verdict == Verdict.UNDETERMINED:
        return _("Hãy ghi kết luận xác minh trong vụ việc trước khi trình lãnh đạo duyệt.")
    if publishing:
        return _("Chưa thể công bố: bản làm rõ phải được lãnh đạo duyệt qua quy trình duyệt.")
    return None


def deadline_notices_unread(user, *, limit: int = 5) -> list[DeadlineNotice]:
    """The person's newest unread deadline notices (the dashboard shows a few)."""
    return list(DeadlineNotice.objects.filter(recipient=user, read_at__isnull=True)[:limit])


def case_timeline(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("user").order_by("at", "pk")


def quantile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy.percentile's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Timeliness:
    cases: int
    first_action_n: int
    first_action_median_h: float | None
    first_action_p90_h: float | None
    publish_n: int
    publish_median_h: float | None
    publish_p90_h: float | None
    decided: int
    on_time: int
    on_time_share: float | None

    def as_dict(self) -> dict:
        return asdict(self)


def _hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600


def timeliness_decided_q(*, now: datetime) -> Q:
    """The cases whose timeliness is known (the on-time share's denominator, as `timeliness`
    counts it): published, or still open past their due time; never "not applicable"."""
    return ~Q(state=CaseState.NOT_APPLICABLE) & (
        Q(published_at__isnull=False) | Q(state__in=OPEN_STATES, due_at__lt=now)
    )


def timeliness(cases, now: datetime | None = None) -> Timeliness:
    """The timeliness figures of `cases` (a queryset or a list)."""
    now = now or timezone.now()
    cases = list(cases)
    first = [_hours(c.first_action_at - c.detected_at) for c in cases if c.first_action_at]
    publish = [_hours(c.published_at - c.detected_at) for c in cases if c.published_at]
    decided = on_time = 0
    for case in cases:
        if case.state == CaseState.NOT_APPLICABLE:
            continue
        if case.published_at is not None:
            decided += 1
            on_time += case.published_at <= case.due_at
        elif case.state in OPEN_STATES and case.due_at < now:
            decided += 1
    return Timeliness(
        cases=len(cases),
        first_action_n=len(first),
        first_action_median_h=quantile(first, 0.5),
        first_action_p90_h=quantile(first, 0.9),
        publish_n=len(publish),
        publish_median_h=quantile(publish, 0.5),
        publish_p90_h=quantile(publish, 0.9),
        decided=decided,
        on_time=on_time,
        on_time_share=(on_time / decided) if decided else None,
    )


def cases_in_period(start, end) -> QuerySet[Case]:
    """Cases detected between two dates (inclusive, local time)."""
    return Case.objects.filter(
        detected_at__date__gte=start, detected_at__date__lte=end
    ).prefetch_related("topics")


def timeliness_by(cases, key: str, now: datetime | None = None) -> dict[str, Timeliness]:
    """Figures grouped by "month" (YYYY-MM of detection, local time), "severity" or "topic".

    A case with several topics counts under each; a case without topics under "".
    """
    groups: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        if key == "month":
            groups[timezone.localtime(case.detected_at).strftime("%Y-%m")].append(case)
        elif key == "severity":
            groups[case.severity].append(case)
        elif key == "topic":
            names = [tag.name for tag in case.topics.all()] or [""]
            for name in names:
                groups[name].append(case)
        else:
            raise ValueError(f"Unknown grouping {key!r}")
    return {name: timeliness(members, now=now) for name, members in sorted(groups.items())}


def case_counts(cases) -> dict[str, int]:
    """How many cases per state and per verdict (keys `state:<value>` and `verdict:<value>`)."""
    counts: dict[str, int] = defaultdict(int)
    for state, verdict in cases.values_list("state", "verdict"):
        counts[f"state:{state}"] += 1
        counts[f"verdict:{verdict}"] += 1
    return dict(counts)


def cases_search(queryset: QuerySet[Case], text: str) -> QuerySet[Case]:
    return queryset.filter(Q(claim__icontains=text) | Q(description__icontains=text))


# --- KPI figures (the reports dashboard, the annual report's annex) -----------------------------


def kpi_case_timeliness(*, start, end, unit=None) -> list[panels.Count]:
    """Cases detected in the period and how fast clarifications were published."""
    cases = cases_in_period(start, end)
    if unit is not None:
        cases = cases.filter(responsible_unit=unit)
    figures = timeliness(cases)
    if not figures.cases:
        return []

    def hours(value):
        return round(value, 1) if value is not None else "—"

    share = figures.on_time_share
    period = {
        "detected_from": start.isoformat() if start else "",
        "detected_to": end.isoformat() if end else "",
        "responsible_unit": unit.pk if unit else "",
    }
    published_url = panels.admin_list_url("responses", "case", published="true", **period)
    # Durations and the share are computed from the cases listed behind them.
    return [
        panels.Count(
            _("Vụ việc"), figures.cases, panels.admin_list_url("responses", "case", **period)
        ),
        panels.Count(_("Đã công bố làm rõ"), figures.publish_n, published_url),
        panels.Count(
            _("Thời gian đến khi công bố – trung vị (giờ)"),
            hours(figures.publish_median_h),
            published_url,
            basis=figures.publish_n,
        ),
        panels.Count(
            _("Thời gian đến khi công bố – 90% (giờ)"),
            hours(figures.publish_p90_h),
            published_url,
            basis=figures.publish_n,
        ),
        panels.Count(
            _("Tỷ lệ đúng hạn (%)"),
            round(100 * share, 1) if share is not None else "—",
            panels.admin_list_url("responses", "case", decided="true", **period),
            tone="warning" if share is not None and share < 0.8 else "",
            basis=figures.decided,
        ),
    ]


def violations_in_period(start, end) -> QuerySet[Violation]:
    """Violations detected in [start, end] (dates, inclusive): what the annual report counts."""
    return Violation.objects.filter(detected_on__gte=start, detected_on__lte=end)


def violation_counts(violations: QuerySet[Violation]) -> dict[str, dict[str, int]]:
    """Counts by kind, by state and by outcome (every choice present, zero when none)."""
    return {
        field: {value: violations.filter(**{field: value}).count() for value in choices.values}
        for field, choices in (
            ("kind", ViolationKind),
            ("state", ViolationState),
            ("outcome", ViolationOutcome),
        )
    }


from .effect import kpi_clarification_effect as kpi_clarification_effect  # noqa: E402


def kpi_violations(*, start, end, unit=None) -> list[panels.Count]:
    """Violations detected in the period (handled by `unit` when given), by kind, and how many
    have a handling decision: the annual report's III.2 counts."""
    violations = violations_in_period(start, end)
    if unit is not None:
        violations = violations.filter(handling_unit=unit)
    total = violations.count()
    if not total:
        return []
    scope = {
        "detected_from": start.isoformat(),
        "detected_to": end.isoformat(),
        "handling_unit": unit.pk if unit else "",
    }
    kinds = violation_counts(violations)["kind"]
    decided = violations.filter(state__in=VIOLATION_DECIDED_STATES).count()
    return [
        panels.Count(
            _("Vụ vi phạm phát hiện"),
            total,
            panels.admin_list_url("responses", "violation", **scope),
            tone="warning",
        ),
        panels.Count(
            _("Đã có quyết định xử lý"),
            decided,
            panels.admin_list_url("responses", "violation", decided="true", **scope),
        ),
        *(
            panels.Count(
                str(label),
                kinds[kind],
                panels.admin_list_url("responses", "violation", kind=kind, **scope),
            )
            for kind, label in ViolationKind.choices
        ),
    ]
