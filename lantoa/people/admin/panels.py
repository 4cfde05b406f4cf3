"""The people figures on the admin home page."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from lantoa.core.panels import Count, CountsPanel
from lantoa.core.roles import scope_to_unit

from .. import selectors


def people_panel(request) -> CountsPanel:
    """Staff of the person's units, those not trained this year, who is on call this week."""
    today = date.today()
    start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    user = request.user
    staff = scope_to_unit(selectors.staff_active(), user, "unit")
    not_trained = scope_to_unit(selectors.staff_not_trained(start=start, end=end), user, "unit")
    list_url = reverse("wagtailsnippets_people_staffmember:list")
    on_call = selectors.on_call(day=today)
    return CountsPanel(
        name="people",
        heading=_("Nhân lực TTĐN"),
        order=700,
        counts=[
            Count(_("Cán bộ TTĐN"), staff.count(), list_url),
            Count(
                _("Chưa tập huấn năm nay"),
                not_trained.count(),
                f"{list_url}?trained=no",
                tone="warning" if not_trained.exists() else "",
            ),
            Count(
                _("Trực phản ứng nhanh tuần này"),
                ", ".join(str(shift.staff) for shift in on_call) or "—",
                reverse("wagtailsnippets_people_oncallshift:list")
                + f"?iso_year={today.isocalendar()[0]}&iso_week={today.isocalendar()[1]}",
            ),
        ],
    )
