"""The insights panel of the admin home page and the inbox menu item with its unread count."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from lantoa.core.panels import Count, CountsPanel

from ..selectors import dashboard_counts, unread_alert_count


class InboxMenuItem(MenuItem):
    """ "Hộp cảnh báo (3)": the user's unread count in the label, shown to who may view alerts."""

    def is_shown(self, request):
        return request.user.has_perm("insights.view_alert")

    def render_component(self, request):
        unread = unread_alert_count(request.user)
        component = super().render_component(request)
        if unread:
            component.label = f"{self.label} ({unread})"
        return component


def insights_panel(request) -> CountsPanel:
    counts = dashboard_counts()
    unread = unread_alert_count(request.user)
    return CountsPanel(
        name="insights",
        heading=_("Phân tích dư luận"),
        order=220,
        counts=[
            Count(
                _("Tin khớp theo dõi (7 ngày)"),
                counts["matches_7d"],
                reverse("insights_match:index"),
            ),
            Count(
                _("Cảnh báo (7 ngày)"),
                counts["alerts_7d"],
                reverse("insights_alert:index"),
            ),
            Count(
                _("Cảnh báo chưa đọc"),
                unread,
                reverse("insights_inbox"),
                tone="warning" if unread else "",
            ),
            Count(_("Tin tiêu cực (7 ngày)"), counts["negative_7d"], reverse("insights_trends")),
            Count(
                _("Tỷ lệ tích cực + trung tính"),
                counts["positive_share"],
                reverse("insights_trends"),
            ),
            Count(
                _("Chưa xác định sắc thái"),
                counts["unknown_tone_share"],
                reverse("insights_trends"),
            ),
            Count(_("Chờ gán nhãn"), counts["queue"], reverse("insights_queue")),
        ],
    )
