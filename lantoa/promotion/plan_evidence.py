"""Promotion campaigns tagged to a plan item, as evidence the annual report cites."""

from django.db.models import Count
from django.utils.translation import gettext as _

from lantoa.core import panels
from lantoa.core.reporting import ItemEvidence

from .models import Campaign


def evidence(*, section_ids, start, end) -> list[ItemEvidence]:
    rows = (
        Campaign.objects.filter(
            plan_item_id__in=section_ids, starts_on__lte=end, ends_on__gte=start
        )
        .values("plan_item")
        .annotate(n=Count("pk"))
    )
    return [
        ItemEvidence(
            row["plan_item"],
            _("chiến dịch quảng bá"),
            row["n"],
            panels.admin_list_url("promotion", "campaign", plan_item=row["plan_item"]),
        )
        for row in rows
    ]
