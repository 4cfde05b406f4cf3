"""Public views outside the page tree."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.cache import cache_control
from wagtail.models import Site

from .models import ClarificationIndexPage
from .models.pages import atom_response
from .structured_data import claim_review_feed

LANGUAGE_PREFIXES = {code.lower() for code, _name in settings.LANGUAGES}
FEED_MAX_AGE = 900  # seconds: partners and crawlers may keep the feed this long


def clarification_feed_atom(request, index_path: str):
    """`/<index-url>/feed.atom`: the Atom feed of the clarification index at `index_path`.

    Wagtail's page URL pattern does not admit a dot, so the project URLconf routes
    `^(?P<index_path>(?:[\\w\\-]+/)+)feed\\.atom$` here before Wagtail's catch-all.
    """
    return atom_response(_index(request, index_path), request)


@cache_control(public=True, max_age=FEED_MAX_AGE)
def clarification_claimreview_json(request, index_path: str):
    """`/<index-url>/claimreview.json`: the published clarifications of that language as
    schema.org ClaimReview records (an open feed for partners and fact-check crawlers)."""
    feed = claim_review_feed(_index(request, index_path), request)
    response = JsonResponse(feed, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _index(request, index_path: str) -> ClarificationIndexPage:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in index_path.split("/") if part]
    # Outside i18n_patterns the language prefix ("/en/…") is part of the path: LocaleMiddleware
    # has already activated that language, so `root_page.localized` is its home page.
    if components and components[0].lower() in LANGUAGE_PREFIXES:
        components = components[1:]
    try:
        page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    except Http404:
        raise
    page = page.specific
    if not isinstance(page, ClarificationIndexPage) or not page.live:
        raise Http404
    return page
