"""The promotion figures on the admin home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from lantoa.core.panels import Count, CountsPanel

from ..constants import PlanState
from ..models import ChannelPost, ContentPlanItem
from ..selectors import pages_scheduled, translation_work_counts


def promotion_panel(request) -> CountsPanel | None:
    """Plan items in progress, scheduled pages, translation work and outside reach."""
    if not request.user.has_perm("promotion.view_contentplanitem"):
        return None
    work = translation_work_counts()
    calendar = reverse("promotion_admin:calendar")
    return CountsPanel(
        name="promotion",
        heading=_("Quảng bá"),
        order=300,
        counts=[
            Count(
                _("Đang viết, chờ duyệt"),
                ContentPlanItem.objects.filter(
                    state__in=[PlanState.DRAFTING, PlanState.REVIEW]
                ).count(),
                calendar,
            ),
            Count(_("Trang hẹn giờ đăng"), pages_scheduled().count(), calendar),
            Count(
                _("Bản dịch cần làm"),
                sum(work.values()),
                reverse("promotion_admin:translations") + "?work=1",
                tone="warning" if sum(work.values()) else "",
            ),
            Count(
                _("Lượt tiếp cận kênh ngoài"),
                sum(ChannelPost.objects.values_list("reach", flat=True)),
                reverse("wagtailsnippets_promotion_channelpost:list"),
            ),
        ],
    )
