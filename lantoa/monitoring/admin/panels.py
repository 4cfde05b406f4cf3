"""The monitoring panel of the admin dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantoa.core.panels import Count as PanelCount
from lantoa.core.panels import CountsPanel

from ..selectors import items_today_count, sources_failing


def monitoring_panel(request) -> CountsPanel | None:
    """The dashboard's monitoring figures: items collected today, sources failing."""
    if not request.user.has_perm("monitoring.view_item"):
        return None
    failing = sources_failing().count()
    return CountsPanel(
        name="monitoring",
        heading=_("Theo dõi thông tin"),
        order=200,
        counts=[
            PanelCount(
                _("Tin thu thập hôm nay"),
                items_today_count(),
                reverse("wagtailsnippets_monitoring_item:list"),
            ),
            PanelCount(
                _("Nguồn đang lỗi"),
                failing,
                reverse("wagtailsnippets_monitoring_source:list"),
                tone="warning" if failing else "",
            ),
        ],
    )
