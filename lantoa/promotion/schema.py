"""Open Graph and schema.org (JSON-LD) descriptions of public pages."""

import json

from django.conf import settings
from django.utils.safestring import mark_safe
from wagtail.models import Site

from lantoa.core.selectors import office

from .models import ArticlePage, EventPage, GalleryPage, HomePage, ThemePage
from .selectors import office_name_in

OG_LOCALES = {
    "vi": "vi_VN",
    "en": "en_US",
    "zh-hans": "zh_CN",
    "ko": "ko_KR",
    "ja": "ja_JP",
    "fr": "fr_FR",
}
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute(request, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    site = (Site.find_for_request(request) if request is not None else None) or Site.objects.filter(
        is_default_site=True
    ).first()
    root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/") + url


def cover_rendition(page):
    cover = getattr(page, "cover", None)
    return cover.get_rendition("fill-1200x630") if cover else None


def image_object(request, image, *, alt: str, credit: str = "") -> dict:
    rendition = image.get_rendition("max-1200x1200")
    data = {
        "@type": "ImageObject",
        "contentUrl": absolute(request, rendition.url),
        "url": absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "caption": alt,
    }
    if credit:
        data["creditText"] = credit
    return data


def _destination() -> str:
    current = office()
    return f"{current.place}, {current.province}, Việt Nam"


def _organisation(language: str) -> dict:
    return {"@type": "GovernmentOrganization", "name": office_name_in(language)}


def page_schema(page, request) -> dict:
    """The schema.org object describing `page` (NewsArticle, Event, TouristDestination/Place,
    ImageGallery, WebSite or WebPage)."""
    language = page.locale.language_code
    url = page.get_full_url(request)
    description = getattr(page, "description", "") or page.search_description
    image = None
    if getattr(page, "cover", None):
        image = image_object(request, page.cover, alt=page.cover_alt)
    base = {"@context": "https://schema.org", "name": page.title, "url": url}
    if description:
        base["description"] = description
    if image:
        base["image"] = image
    base["inLanguage"] = language
    if isinstance(page, ArticlePage):
        return {
            **base,
            "@type": "NewsArticle",
            "headline": page.title[:110],
            "datePublished": (page.first_published_at or page.go_live_at).isoformat()
            if (page.first_published_at or page.go_live_at)
            else page.date.isoformat(),
            "dateModified": (page.last_published_at or page.latest_revision_created_at).isoformat()
            if (page.last_published_at or page.latest_revision_created_at)
            else page.date.isoformat(),
            "author": _organisation(language),
            "publisher": _organisation(language),
            "mainEntityOfPage": url,
        }
    if isinstance(page, EventPage):
        return {
            **base,
            "@type": "Event",
            "startDate": page.start.isoformat(),
            "endDate": page.end.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {
                "@type": "Place",
                "name": page.venue_name,
                "address": page.venue_address or page.venue_name,
            },
            "organizer": _organisation(language),
        }
    if isinstance(page, ThemePage):
        if page.is_place:
            tourism = page.theme_id and page.theme.code == "tourism"
            data = {**base, "@type": "TouristDestination" if tourism else "Place"}
            if page.address:
                data["address"] = page.address
            if page.latitude is not None and page.longitude is not None:
                data["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": float(page.latitude),
                    "longitude": float(page.longitude),
                }
            return data
        return {**base, "@type": "WebPage", "about": {"@type": "Thing", "name": page.title}}
    if isinstance(page, GalleryPage):
        images = [
            image_object(request, block.value["image"], alt=block.value["alt"])
            for block in page.photos
            if block.value.get("image")
        ]
        return {**base, "@type": "ImageGallery", "associatedMedia": images}
    if isinstance(page, HomePage):
        return {
            **base,
            "@type": "WebSite",
            "publisher": _organisation(language),
            "about": {"@type": "TouristDestination", "name": _destination()},
        }
    return {**base, "@type": "WebPage"}


def json_ld(data: dict) -> str:
    """A <script type="application/ld+json"> element, safe against closing the script early."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
