"""Trainings tagged to a plan item, as evidence the annual report cites (core.reporting)."""

from django.db.models import Count
from django.utils.translation import gettext as _

from lantoa.core import panels
from lantoa.core.reporting import ItemEvidence

from .models import Training


def evidence(*, section_ids, start, end) -> list[ItemEvidence]:
    rows = (
        Training.objects.filter(
            plan_item_id__in=section_ids, start_date__lte=end, end_date__gte=start
        )
        .values("plan_item")
        .annotate(n=Count("pk"))
    )
    return [
        ItemEvidence(
            row["plan_item"],
            _("lớp tập huấn"),
            row["n"],
            panels.admin_list_url("people", "training", plan_item=row["plan_item"]),
        )
        for row in rows
    ]
