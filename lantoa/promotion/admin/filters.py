"""FilterSets of the promotion admin lists."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..models import ChannelPost, ContentPlanItem, MediaAsset


class MediaAssetFilterSet(WagtailFilterSet):
    class Meta:
        model = MediaAsset
        fields = ["kind", "licence", "language", "themes"]


class PlanItemFilterSet(WagtailFilterSet):
    class Meta:
        model = ContentPlanItem
        fields = ["state", "channel", "language", "campaign", "theme", "assignee"]


class ChannelPostFilterSet(WagtailFilterSet):
    # The dashboard's channel and reach figures link here with the period.
    posted_from = django_filters.DateFilter(
        field_name="posted_at", lookup_expr="date__gte", label=_("Đăng từ ngày")
    )
    posted_to = django_filters.DateFilter(
        field_name="posted_at", lookup_expr="date__lte", label=_("Đăng đến ngày")
    )

    class Meta:
        model = ChannelPost
        fields = ["channel", "language", "source"]
