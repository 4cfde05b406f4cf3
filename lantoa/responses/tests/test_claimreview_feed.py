"""The open ClaimReview feed: one per language, the pages' own ClaimReview records, published
pages only, public and cacheable."""

import json

import pytest

from lantoa.promotion.services import page_translate
from lantoa.responses import services
from lantoa.responses.models import ClarificationIndexPage, ClarificationPage

from .helpers import drafted_case

pytestmark = pytest.mark.django_db

REQUIRED = {"@type", "url", "claimReviewed", "itemReviewed", "reviewRating", "author"}
REQUIRED |= {"datePublished", "inLanguage"}


def test_feed_per_language_lists_only_published_claim_reviews(client, site, monitor, leader):
    case, page = drafted_case(monitor)
    services.case_submit_for_approval(case=case, user=monitor)
    services.case_approve(case=case, user=leader)
    _draft_case, draft = drafted_case(monitor, claim="Chợ Đầm đóng cửa vĩnh viễn từ tuần sau")
    index = ClarificationIndexPage.objects.get(locale__language_code="vi")
    strings = {"Làm rõ thông tin": "Clarifications", "lam-ro-thong-tin": "clarifications"}
    english_index = page_translate(page=index, language_code="en", strings=strings)
    page.refresh_from_db()
    english = page_translate(
        page=page,
        language_code="en",
        strings={page.title: "No fee to enter the beach", page.claim: "The ward charges a fee"},
    )

    html = client.get(index.url).content.decode()
    assert 'href="/lam-ro-thong-tin/claimreview.json"' in html and "data-claimreview-feed" in html
    response = client.get(index.url + "claimreview.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert "public" in response["Cache-Control"] and "max-age=900" in response["Cache-Control"]
    assert "Set-Cookie" not in response
    feed = json.loads(response.content)
    assert feed["@type"] == "DataFeed" and feed["inLanguage"] == "vi"
    reviews = feed["dataFeedElement"]
    assert [r["claimReviewed"] for r in reviews] == [page.claim]
    review = reviews[0]
    assert set(review) >= REQUIRED and review["@type"] == "ClaimReview"
    assert review["inLanguage"] == "vi" and review["reviewRating"]["ratingValue"] == 1
    assert review["author"]["@type"] == "Organization"
    assert draft.title not in response.content.decode()
    assert not ClarificationPage.objects.get(pk=draft.pk).live

    english_response = client.get(english_index.url + "claimreview.json")
    assert english_response.status_code == 200, english_index.url
    english_feed = json.loads(english_response.content)
    assert english_feed["inLanguage"] == "en"
    [english_review] = english_feed["dataFeedElement"]
    assert english_review["inLanguage"] == "en"
    assert english_review["claimReviewed"] == "The ward charges a fee"
    assert english_review["url"].endswith(english.url)
    assert client.get("/trang-khong-co/claimreview.json").status_code == 404
