"""FilterSets of the insights admin listings."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..models import (
    Alert,
    AlertRule,
    BulletinRecipient,
    ClassifierModel,
    ItemMatch,
    Label,
    Topic,
    Watchlist,
)


class WatchlistFilterSet(WagtailFilterSet):
    class Meta:
        model = Watchlist
        fields = ["is_active"]


class TopicFilterSet(WagtailFilterSet):
    class Meta:
        model = Topic
        fields = ["kind", "method"]


class ItemMatchFilterSet(WagtailFilterSet):
    # The annual report's count of watchlist matches links here with its year.
    published_from = django_filters.DateFilter(
        field_name="item__published_at", lookup_expr="date__gte", label=_("Tin đăng từ ngày")
    )
    published_to = django_filters.DateFilter(
        field_name="item__published_at", lookup_expr="date__lte", label=_("Tin đăng đến ngày")
    )

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
    # The annual report's count of alerts links here with its year.
    created_from = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Phát ra từ ngày")
    )
    created_to = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Phát ra đến ngày")
    )

    class Meta:
        model = Alert
        fields = ["kind", "rule"]


class BulletinRecipientFilterSet(WagtailFilterSet):
    class Meta:
        model = BulletinRecipient
        fields = ["role", "is_active"]
