"""Large listings keep their total for a minute; small ones are always counted exactly."""

import pytest
from django.core.cache import cache

from lantoa.core.models import Unit
from lantoa.core.paginators import CachedCountPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_large_total_is_counted_once_per_query(django_assert_num_queries, monkeypatch):
    monkeypatch.setattr(CachedCountPaginator, "MIN_CACHED", 3)
    Unit.objects.bulk_create([Unit(code=f"u{n}", name=f"Đơn vị {n}") for n in range(4)])
    units = Unit.objects.filter(code__startswith="u").order_by("code")
    with django_assert_num_queries(1):
        assert CachedCountPaginator(units, 2).count == 4
    with django_assert_num_queries(0):
        assert CachedCountPaginator(units, 2).count == 4
    # Another filter is another listing: counted on its own.
    with django_assert_num_queries(1):
        assert CachedCountPaginator(units.filter(code="u1"), 2).count == 1


def test_a_small_total_stays_exact(django_assert_num_queries, monkeypatch):
    monkeypatch.setattr(CachedCountPaginator, "MIN_CACHED", 10)
    Unit.objects.create(code="a", name="A")
    units = Unit.objects.filter(code__in=["a", "b"])
    assert CachedCountPaginator(units, 2).count == 1
    Unit.objects.create(code="b", name="B")
    with django_assert_num_queries(1):
        assert CachedCountPaginator(units, 2).count == 2
    assert CachedCountPaginator([1, 2, 3], 2).count == 3
