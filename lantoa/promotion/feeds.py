"""Atom feeds of the news, one per language, with Django's feed generator."""

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .schema import absolute


def news_atom(*, index, request=None, limit: int = 30) -> str:
    language = index.locale.language_code
    feed = Atom1Feed(
        title=index.title,
        link=index.get_full_url(request),
        description=index.intro,
        language=language,
        feed_url=absolute(request, reverse("promotion:news_feed", args=[language])),
        feed_guid=f"urn:lantoa:news:{index.translation_key}:{language}",
    )
    for article in index.articles()[:limit]:
        feed.add_item(
            title=article.title,
            link=article.get_full_url(request),
            description=article.summary,
            unique_id=f"urn:lantoa:article:{article.translation_key}:{language}",
            unique_id_is_permalink=False,
            pubdate=article.first_published_at,
            updateddate=article.last_published_at,
        )
    return feed.writeString("utf-8")
