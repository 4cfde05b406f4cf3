import factory

from lantoa.monitoring.search.tests.factories import ItemFactory, SourceFactory, indexed_items

from ..constants import AlertKind, TopicKind
from ..models import AlertRule, Topic, Watchlist

__all__ = [
    "AlertRuleFactory",
    "ItemFactory",
    "SourceFactory",
    "TopicFactory",
    "WatchlistFactory",
    "indexed_items",
]


class WatchlistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Watchlist

    name = "Quy Nhơn"
    query = ""
    aliases = "Quy Nhơn\nQui Nhơn\nQuy Nhon\n归仁\n퀴논\nクイニョン"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Chủ đề {n}")
    kind = TopicKind.GENERAL


class AlertRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlertRule

    name = factory.Sequence(lambda n: f"Quy tắc {n}")
    kind = AlertKind.MATCH
    throttle_minutes = 0
