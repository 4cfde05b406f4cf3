"""The plans figures on the admin home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from lantoa.core.panels import Count, CountsPanel

from ..constants import Bucket
from ..models import Plan
from ..selectors import bucket_counts, reports_awaiting_review, tasks_visible_to


def plans_panel(request) -> CountsPanel:
    user = request.user
    buckets = bucket_counts(tasks_visible_to(user))
    tasks_url = reverse("wagtailsnippets_plans_task:list")
    return CountsPanel(
        name="plans",
        heading=_("Kế hoạch và nhiệm vụ"),
        order=200,
        counts=[
            Count(_("Kế hoạch"), Plan.objects.count(), reverse("wagtailsnippets_plans_plan:list")),
            Count(
                _("Nhiệm vụ đang thực hiện"),
                buckets[Bucket.OPEN_WITHIN] + buckets[Bucket.OPEN_OVERDUE],
                tasks_url,
            ),
            Count(
                _("Nhiệm vụ quá hạn"),
                buckets[Bucket.OPEN_OVERDUE],
                f"{tasks_url}?bucket={Bucket.OPEN_OVERDUE}",
                tone="warning" if buckets[Bucket.OPEN_OVERDUE] else "",
            ),
            Count(
                _("Báo cáo chờ xem xét"),
                reports_awaiting_review(user).count(),
                reverse("wagtailsnippets_plans_progressreport:list") + "?state=submitted",
            ),
        ],
    )
