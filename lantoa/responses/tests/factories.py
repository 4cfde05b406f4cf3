"""Factories for the responses tests (monitoring items made here: the contract models only)."""

import hashlib
from datetime import timedelta

import factory
from django.utils import timezone

from lantoa.monitoring.models import Item, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Báo điện tử Thử nghiệm {n}")
    kind = "feed"
    url = factory.Sequence(lambda n: f"http://127.0.0.1/feed-{n}.xml")
    outlet_type = "domestic_press"


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    source = factory.SubFactory(SourceFactory)
    url = factory.Sequence(lambda n: f"http://127.0.0.1/bai-viet-{n}.html")
    url_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.url.encode()).hexdigest())
    title = factory.Sequence(lambda n: f"Bài viết thử nghiệm số {n} về phường Quy Nhơn")
    summary = "Tóm tắt bài viết thử nghiệm."
    language = "vi"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
