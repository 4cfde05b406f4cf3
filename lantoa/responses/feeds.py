"""The Atom feed of published clarifications (one per language index page)."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from lantoa.promotion.selectors import office_name_in


def clarification_feed(index, request) -> Atom1Feed:
    index_url = index.get_full_url(request)
    signature = office_name_in(index.locale.language_code)
    feed = Atom1Feed(
        title=f"{index.title} · {signature}",
        link=index_url,
        description=index.intro or index.title,
        language=index.locale.language_code,
        feed_url=index_url + index.reverse_subpage("feed"),
        author_name=signature,
    )
    for page in index.clarifications()[:50]:
        url = page.get_full_url(request)
        feed.add_item(
            title=page.title,
            link=url,
            unique_id=url,
            description=f"{page.claim} — {page.verdict_label()}. {strip_tags(page.explanation)}",
            pubdate=page.first_published_at,
            updateddate=page.last_published_at,
            author_name=signature,
            categories=[page.verdict_label()],
        )
    return feed
