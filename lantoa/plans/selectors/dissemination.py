"""Reads of dissemination ("quán triệt"): who is expected to disseminate a directive, coverage."""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Count,
    Max,
    Q,
    QuerySet,
    Sum,
)
from django.utils.translation import gettext as _

from lantoa.core import panels
from lantoa.core.constants import UnitKind
from lantoa.core.models import Unit

from ..models import (
    Directive,
    DisseminationSession,
    Plan,
)

# Organisations expected to disseminate a directive when no plan names them.
DISSEMINATING_KINDS = (UnitKind.PARTY_CELL, UnitKind.FATHERLAND_FRONT, UnitKind.MASS_ORGANISATION)


@dataclass
class CoverageRow:
    unit: Unit
    sessions: int
    attended: int
    last_held: date | None

    @property
    def covered(self) -> bool:
        return self.sessions > 0


def expected_disseminators(directive: Directive) -> QuerySet:
    """Units a plan implementing `directive` (or the directive itself) assigns, else the usual
    disseminating organisations (Party cells, the Front, mass organisations)."""
    plans = Plan.objects.filter(Q(directive=directive) | Q(directive__parent=directive))
    assigned = Unit.objects.filter(
        Q(lead_assignments__plan__in=plans) | Q(coordinating_assignments__plan__in=plans)
    )
    dissemination = Unit.objects.filter(
        Q(lead_assignments__plan__in=plans, lead_assignments__section__text__icontains="quán triệt")
        | Q(
            coordinating_assignments__plan__in=plans,
            coordinating_assignments__section__text__icontains="quán triệt",
        )
    )
    chosen = dissemination if dissemination.exists() else assigned
    if not chosen.exists():
        chosen = Unit.objects.filter(kind__in=DISSEMINATING_KINDS)
    return Unit.objects.filter(pk__in=chosen.values("pk"), is_active=True).order_by(
        "sort_order", "name"
    )


def dissemination_coverage(directive: Directive, *, start=None, end=None) -> list[CoverageRow]:
    """Per expected organisation: sessions held on the directive, attendance, last date."""
    sessions = DisseminationSession.objects.filter(directive=directive)
    if start:
        sessions = sessions.filter(held_on__gte=start)
    if end:
        sessions = sessions.filter(held_on__lte=end)
    stats = {
        row["organisation"]: row
        for row in sessions.values("organisation").annotate(
            n=Count("pk"), people=Sum("attended"), last=Max("held_on")
        )
    }
    rows = []
    for unit in expected_disseminators(directive):
        row = stats.get(unit.pk, {})
        rows.append(CoverageRow(unit, row.get("n", 0), row.get("people") or 0, row.get("last")))
    return rows


def dissemination_totals(
    *, directive: Directive | None = None, start: date, end: date
) -> dict[str, int]:
    sessions = DisseminationSession.objects.filter(held_on__gte=start, held_on__lte=end)
    if directive is not None:
        sessions = sessions.filter(directive=directive)
    totals = sessions.aggregate(
        sessions=Count("pk"),
        organisations=Count("organisation", distinct=True),
        invited=Sum("invited"),
        attended=Sum("attended"),
    )
    return {key: value or 0 for key, value in totals.items()}


def dissemination_sessions_in_period(
    *, plan: Plan | None = None, start: date, end: date, unit=None
) -> QuerySet:
    """Sessions held in [start, end] on the plan's chain of directives (every directive when
    `plan` is None), organised by `unit` when given: what the annual report and the dashboard
    both count."""
    sessions = DisseminationSession.objects.filter(held_on__gte=start, held_on__lte=end)
    if plan is not None:
        sessions = sessions.filter(directive__in=plan.directive.chain())
    if unit is not None:
        sessions = sessions.filter(organisation=unit)
    return sessions


def dissemination_by_audience(*, directive=None, start: date, end: date) -> dict[str, dict]:
    sessions = DisseminationSession.objects.filter(held_on__gte=start, held_on__lte=end)
    if directive is not None:
        sessions = sessions.filter(directive=directive)
    return {
        row["audience"]: {"sessions": row["n"], "attended": row["people"] or 0}
        for row in sessions.values("audience").annotate(n=Count("pk"), people=Sum("attended"))
    }


def kpi_dissemination_coverage(
    *, start: date, end: date, unit=None, plan=None
) -> list[panels.Count]:
    """Dissemination sessions held in the period on the plan's directives (every directive when
    `plan` is None), by the organising unit when given: the plans report section's own count."""
    sessions = dissemination_sessions_in_period(plan=plan, start=start, end=end, unit=unit)
    totals = sessions.aggregate(
        sessions=Count("pk"),
        organisations=Count("organisation", distinct=True),
        invited=Sum("invited"),
        attended=Sum("attended"),
    )
    totals = {key: value or 0 for key, value in totals.items()}
    if not totals["sessions"]:
        return []
    url = panels.admin_list_url(
        "plans",
        "disseminationsession",
        organisation=unit.pk if unit else "",
        plan=plan.pk if plan else "",
        held_from=start.isoformat(),
        held_to=end.isoformat(),
    )
    # The organisations and the attendance sums are read from the sessions listed.
    sessions_n = totals["sessions"]
    return [
        panels.Count(_("Buổi quán triệt"), sessions_n, url),
        panels.Count(_("Tổ chức đã quán triệt"), totals["organisations"], url, basis=sessions_n),
        panels.Count(_("Lượt người được mời"), totals["invited"], url, basis=sessions_n),
        panels.Count(_("Lượt người tham dự"), totals["attended"], url, basis=sessions_n),
    ]
