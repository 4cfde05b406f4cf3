import hashlib

import factory
from django.utils import timezone

from lantoa.monitoring.models import Item, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Báo thử {n}")
    kind = "feed"
    outlet_type = "domestic_press"
    url = factory.Sequence(lambda n: f"http://127.0.0.1/feed/{n}.xml")
    # Tests not about full text do not fetch article pages (test_full_text covers the default).
    full_text = False


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    source = factory.SubFactory(SourceFactory)
    url = factory.Sequence(lambda n: f"http://127.0.0.1/tin/{n}")
    url_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.url.encode()).hexdigest())
    title = "Tin thử"
    summary = ""
    text = ""
    language = "vi"
    published_at = factory.LazyFunction(timezone.now)


def indexed_items(*specs, **common):
    """Create items (each spec a dict of fields) and index them, as the pipeline does."""
    from lantoa.monitoring.search.services import items_index

    items = [ItemFactory(**{**common, **spec}) for spec in specs]
    items_index(item_ids=[item.id for item in items])
    return items
