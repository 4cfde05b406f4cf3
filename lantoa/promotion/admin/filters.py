"""FilterSets of the promotion admin lists."""

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
    class Meta:
        model = ChannelPost
        fields = ["channel", "language", "source"]
