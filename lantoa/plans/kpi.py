"""KPI figure of inspection, supervision and urging (IV.3) for the reports dashboard and the
annual report's annex: the same counts as the report section (`selectors.inspection_summary`),
each linking to the inspection list that shows its records. Kept beside selectors.py, which is
already past the size a module should have."""

from datetime import date

from django.utils.translation import gettext as _

from lantoa.core import panels

from .constants import FindingKind
from .models import InspectionFinding, InspectionRecommendation
from .selectors import inspection_visits_in_period


def kpi_inspections(*, start: date, end: date, unit=None, plan=None) -> list[panels.Count]:
    """Visits held in the period (to `unit`, of `plan`'s inspections), the units inspected, the
    findings by kind and the recommendations made."""
    visits = inspection_visits_in_period(plan=plan, start=start, end=end, unit=unit)
    visits_n = visits.count()
    if not visits_n:
        return []
    scope = {
        "held_from": start.isoformat(),
        "held_to": end.isoformat(),
        "plan": plan.pk if plan else "",
    }
    visits_url = panels.admin_list_url(
        "plans", "inspectionvisit", unit=unit.pk if unit else "", **scope
    )
    child = {"visit__unit": unit.pk if unit else "", **scope}
    findings = InspectionFinding.objects.filter(visit__in=visits)
    by_kind = {kind: findings.filter(kind=kind).count() for kind in FindingKind.values}
    return [
        panels.Count(_("Cuộc kiểm tra đã tiến hành"), visits_n, visits_url),
        # The units are read from the visits listed.
        panels.Count(
            _("Đơn vị được kiểm tra"),
            visits.values("unit").distinct().count(),
            visits_url,
            basis=visits_n,
        ),
        *(
            panels.Count(
                str(label),
                by_kind[kind],
                panels.admin_list_url("plans", "inspectionfinding", kind=kind, **child),
                tone="warning" if kind == FindingKind.VIOLATION and by_kind[kind] else "",
            )
            for kind, label in FindingKind.choices
        ),
        panels.Count(
            _("Kiến nghị sau kiểm tra"),
            InspectionRecommendation.objects.filter(visit__in=visits).count(),
            panels.admin_list_url("plans", "inspectionrecommendation", **child),
        ),
    ]
