import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counters():
    """Throttle counters live in the cache under the token's id, and ids are reused after each
    test's rollback: without this, the hundreds of calls made here (schemathesis, the permission
    matrix) would spend the next test files' budget and answer them 429."""
    yield
    cache.clear()
