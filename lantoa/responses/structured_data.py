"""schema.org markup of a clarification page: one ClaimReview beside one NewsArticle.

Search engines and fact-check aggregators read these; the office signs them as an Organization.
"""

import json

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from lantoa.promotion.selectors import office_name_in

from .constants import VERDICT_RATING


def _iso(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def office_organization(page, request) -> dict:
    site = page.get_site()
    organization = {
        "@type": "Organization",
        "name": office_name_in(page.locale.language_code),
    }
    if site is not None:
        organization["url"] = site.root_page.specific.get_full_url(request)
    return organization


def claim_review(page, request) -> dict:
    """The ClaimReview of `page` (a ClarificationPage), in the page's language."""
    url = page.get_full_url(request)
    published = page.first_published_at or page.issued_on or timezone.now()
    appearances = [
        {
            "@type": "CreativeWork",
            "url": appearance.url,
            "datePublished": _iso(appearance.appeared_at),
        }
        for appearance in page.appearances()
    ]
    claim: dict = {"@type": "Claim", "name": page.claim}
    if appearances:
        claim["appearance"] = appearances
        claim["firstAppearance"] = appearances[0]
        claim["datePublished"] = appearances[0]["datePublished"]
    rating: dict = {"@type": "Rating", "alternateName": page.verdict_label()}
    if page.verdict in VERDICT_RATING:
        rating.update(ratingValue=VERDICT_RATING[page.verdict], bestRating=5, worstRating=1)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": page.claim,
        "itemReviewed": claim,
        "reviewRating": rating,
        "author": office_organization(page, request),
        "datePublished": _iso(published),
        "inLanguage": page.locale.language_code,
    }


FEED_LIMIT = 500


def claim_review_feed(index, request) -> dict:
    """The open feed of one language's published clarifications: a schema.org DataFeed whose
    elements are the pages' own ClaimReview records (the same ones their JSON-LD carries).
    Public data only: the office, the claim, its public appearances, the verdict."""
    reviews = []
    modified = None
    for page in index.clarifications()[:FEED_LIMIT]:
        review = claim_review(page, request)
        review.pop("@context")
        reviews.append(review)
        moment = page.last_published_at or page.first_published_at
        modified = max(modified, moment) if modified and moment else (modified or moment)
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{index.title} · {office_name_in(index.locale.language_code)}",
        "url": index.get_full_url(request),
        "inLanguage": index.locale.language_code,
        "publisher": office_organization(index, request),
        "dateModified": _iso(modified),
        "dataFeedElement": reviews,
    }


def news_article(page, request) -> dict:
    organization = office_organization(page, request)
    published = page.first_published_at or page.issued_on or timezone.now()
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": strip_tags(page.explanation)[:300],
        "url": page.get_full_url(request),
        "mainEntityOfPage": page.get_full_url(request),
        "datePublished": _iso(published),
        "dateModified": _iso(page.last_published_at or published),
        "author": organization,
        "publisher": organization,
        "inLanguage": page.locale.language_code,
    }


def _script(data: dict) -> str:
    # "<" escaped so that no string inside can close the script element.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def clarification_json_ld(page, request) -> SafeString:
    """Two script elements: exactly one ClaimReview and one NewsArticle."""
    blocks = [_script(claim_review(page, request)), _script(news_article(page, request))]
    return mark_safe("\n".join(blocks))  # noqa: S308 (JSON with <, > and & escaped)
