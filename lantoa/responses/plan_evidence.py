"""Cases and clarifications tagged to a plan item, as evidence the annual report cites
(core.reporting): cases detected in the period, clarifications issued in it."""

from django.db.models import Count
from django.utils.translation import gettext as _

from lantoa.core import panels
from lantoa.core.reporting import ItemEvidence

from .models import Case, ClarificationPage


def evidence(*, section_ids, start, end) -> list[ItemEvidence]:
    cases = (
        Case.objects.filter(
            plan_item_id__in=section_ids,
            detected_at__date__gte=start,
            detected_at__date__lte=end,
        )
        .values("plan_item")
        .annotate(n=Count("pk"))
    )
    found = [
        ItemEvidence(
            row["plan_item"],
            _("vụ việc thông tin sai lệch"),
            row["n"],
            panels.admin_list_url("responses", "case", plan_item=row["plan_item"]),
        )
        for row in cases
    ]
    # Only the office's published clarifications count (a draft is not yet evidence); a page
    # and its translations are one clarification.
    pages = (
        ClarificationPage.objects.live()
        .filter(plan_item_id__in=section_ids, issued_on__gte=start, issued_on__lte=end)
        .values("plan_item")
        .annotate(n=Count("translation_key", distinct=True))
    )
    found += [
        ItemEvidence(row["plan_item"], _("bản làm rõ thông tin đã công bố"), row["n"])
        for row in pages
    ]
    return found
