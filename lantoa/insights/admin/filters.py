"""FilterSets of the insights admin listings."""

from wagtail.admin.filters import WagtailFilterSet

from ..models import Alert, AlertRule, ClassifierModel, ItemMatch, Label, Topic, Watchlist


class WatchlistFilterSet(WagtailFilterSet):
    class Meta:
        model = Watchlist
        fields = ["is_active"]


class TopicFilterSet(WagtailFilterSet):
    class Meta:
        model = Topic
        fields = ["kind", "method"]


class ItemMatchFilterSet(WagtailFilterSet):
    class Meta:
        model = ItemMatch
        fields = ["watchlist"]


class LabelFilterSet(WagtailFilterSet):
    class Meta:
        model = Label
        fields = ["kind", "user"]


class ClassifierModelFilterSet(WagtailFilterSet):
    class Meta:
        model = ClassifierModel
        fields = ["task", "is_active"]


class AlertRuleFilterSet(WagtailFilterSet):
    class Meta:
        model = AlertRule
        fields = ["kind", "channel", "is_active"]


class AlertFilterSet(WagtailFilterSet):
    class Meta:
        model = Alert
        fields = ["kind", "rule"]
