"""The public clarification page: content, exactly one ClaimReview, NewsArticle, the Atom feed."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from wagtail.models import Site

from lantoa.responses import services
from lantoa.responses.models import ClarificationIndexPage

from .helpers import drafted_case

pytestmark = pytest.mark.django_db

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in LD_JSON.findall(html)]


@pytest.fixture
def published(site, monitor, leader):
    case, page = drafted_case(monitor)
    services.case_submit_for_approval(case=case, user=monitor)
    case = services.case_approve(case=case, user=leader)
    page.refresh_from_db()
    return case, page


def test_draft_is_not_public(client, site, monitor):
    _case, page = drafted_case(monitor)
    assert client.get("/lam-ro-thong-tin/").status_code == 200
    assert client.get(page.url or f"/lam-ro-thong-tin/{page.slug}/").status_code == 404


@override_settings(LANTOA_OFFICE_NAME="Đảng ủy phường Thử nghiệm")
def test_public_page_shows_the_clarification_and_one_claim_review(client, published):
    case, page = published
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        case.claim,
        "Sai sự thật",
        "Phường không có chủ trương thu phí",
        "Ý kiến của Phòng Văn hóa - Xã hội",
        "Đảng ủy phường Thử nghiệm",
    ):
        assert text in html
    assert "<script src" not in html and "fonts.googleapis" not in html
    blocks = json_ld(html)
    reviews = [b for b in blocks if b["@type"] == "ClaimReview"]
    articles = [b for b in blocks if b["@type"] == "NewsArticle"]
    assert len(reviews) == 1 and len(articles) == 1
    review = reviews[0]
    assert review["claimReviewed"] == case.claim
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Sai sự thật",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert review["author"]["@type"] == "Organization"
    assert review["author"]["name"] == "Đảng ủy phường Thử nghiệm"
    claim = review["itemReviewed"]
    appearance = case.first_appearance()
    assert claim["@type"] == "Claim"
    assert claim["firstAppearance"]["url"] == appearance.url
    assert [a["url"] for a in claim["appearance"]] == [appearance.url]
    assert review["url"] == Site.objects.get(is_default_site=True).root_url + page.url
    assert review["datePublished"].startswith(
        page.first_published_at.astimezone().date().isoformat()[:4]
    )
    assert review["inLanguage"] == "vi"


def test_rating_label_follows_the_page_language(published):
    from wagtail.models import Locale

    from lantoa.responses.structured_data import claim_review

    _case, page = published
    page.locale = Locale(language_code="fr")
    assert claim_review(page, None)["reviewRating"]["alternateName"] == "Faux"


def test_index_lists_it_and_the_atom_feed_parses(client, published):
    _case, page = published
    index = ClarificationIndexPage.objects.get()
    html = client.get(index.url).content.decode()
    assert page.title in html and 'type="application/atom+xml"' in html
    feed = client.get(index.url + "feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == [page.title]
    site_url = Site.objects.get(is_default_site=True).root_url
    assert entries[0].find("a:link", ns).get("href") == site_url + page.url


def test_corrections_are_shown_publicly(client, published, leader, monitor):
    case, page = published
    services.case_pause(case=case, user=leader, note="Kiểm tra lại")
    assert client.get(page.url).status_code == 404
    services.case_correct(case=case, user=monitor, note="Cập nhật số liệu mới nhất.")
    services.case_submit_for_approval(case=case, user=monitor)
    services.case_approve(case=case, user=leader)
    html = client.get(page.url).content.decode()
    assert "Đính chính" in html and "Cập nhật số liệu mới nhất." in html


def test_index_serves_its_atom_feed(client, published):
    feed = client.get("/lam-ro-thong-tin/feed.atom")
    assert feed.status_code == 200 and b"<entry>" in feed.content
    assert client.get("/trang-khong-co/feed.atom").status_code == 404
