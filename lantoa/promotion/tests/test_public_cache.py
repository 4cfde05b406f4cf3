"""The public page cache: anonymous visitors get the cached page, publishing makes it stale at
once, signed-in users and the admin never go through it."""

import pytest
from django.core.cache import cache
from wagtail.models import Page

from lantoa.core.public_cache import HIT_HEADER
from lantoa.promotion.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_cache(settings):
    settings.LANTOA_PUBLIC_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _article():
    return ArticlePage.objects.live().filter(locale__language_code="en").first()


def test_anonymous_pages_come_from_the_cache(promotion_demo, public_cache, client):
    first = client.get("/en/")
    assert first.status_code == 200 and first[HIT_HEADER] == "miss"
    again = client.get("/en/")
    assert again[HIT_HEADER] == "hit"
    assert again.content == first.content
    # Each language and each path is its own entry.
    assert client.get("/")[HIT_HEADER] == "miss"


def test_publishing_invalidates_at_once(promotion_demo, public_cache, client):
    page = _article()
    url = page.url
    assert client.get(url)[HIT_HEADER] == "miss"
    assert client.get(url)[HIT_HEADER] == "hit"
    # A draft changes nothing public: still served from the cache.
    page.title = "Draft title nobody should see"
    page.save_revision()
    assert client.get(url)[HIT_HEADER] == "hit"
    assert b"Draft title nobody should see" not in client.get(url).content
    # Publishing does.
    page.title = "Quy Nhon welcomes the new season"
    page.save_revision().publish()
    response = client.get(url)
    assert response[HIT_HEADER] == "miss"
    assert b"Quy Nhon welcomes the new season" in response.content
    # So do unpublishing and deleting.
    assert client.get("/en/")[HIT_HEADER] in ("hit", "miss")
    page.unpublish()
    assert client.get(url).status_code == 404
    home = client.get("/en/")
    assert home[HIT_HEADER] == "miss"
    Page.objects.get(pk=page.pk).delete()
    assert client.get("/en/")[HIT_HEADER] == "miss"


def test_signed_in_users_and_the_admin_bypass_the_cache(
    promotion_demo, public_cache, client, demo_password
):
    assert client.get("/en/")[HIT_HEADER] == "miss"
    assert client.login(username="bientap", password=demo_password)
    response = client.get("/en/")
    assert response.status_code == 200 and HIT_HEADER not in response
    assert HIT_HEADER not in client.get("/admin/")
    client.logout()
    # The anonymous copy was never replaced by the signed-in rendering.
    assert client.get("/en/")[HIT_HEADER] == "hit"
    assert b"wagtail-userbar" not in client.get("/en/").content


def test_turned_off_with_zero(promotion_demo, settings, client):
    settings.LANTOA_PUBLIC_CACHE_SECONDS = 0
    assert HIT_HEADER not in client.get("/en/")
