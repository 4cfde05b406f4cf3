"""Public views outside the page tree."""

from django.http import Http404
from wagtail.models import Site

from .models import ClarificationIndexPage
from .models.pages import atom_response


def clarification_feed_atom(request, index_path: str):
    """`/<index-url>/feed.atom`: the Atom feed of the clarification index at `index_path`.

    Wagtail's page URL pattern does not admit a dot, so the project URLconf routes
    `^(?P<index_path>(?:[\\w\\-]+/)+)feed\\.atom$` here before Wagtail's catch-all.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in index_path.split("/") if part]
    try:
        page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    except Http404:
        raise
    page = page.specific
    if not isinstance(page, ClarificationIndexPage) or not page.live:
        raise Http404
    return atom_response(page, request)
