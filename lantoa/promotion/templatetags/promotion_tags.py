"""Template tags of the public site: alternates, Open Graph, JSON-LD, navigation."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from ..models import EventIndexPage, HomePage, NewsIndexPage
from ..schema import OG_LOCALES, absolute, cover_rendition, json_ld, page_schema
from ..selectors import office_name_in, page_alternates
from ..ui_text import ui_text

register = template.Library()


def _locale_home(page=None):
    if page is not None and getattr(page, "locale_id", None):
        locale = page.locale
    else:
        locale = Locale.objects.filter(language_code=translation.get_language()).first()
    homes = HomePage.objects.live()
    return (homes.filter(locale=locale).first() if locale else None) or homes.filter(
        locale__language_code=settings.LANGUAGE_CODE
    ).first()


@register.inclusion_tag("promotion/tags/head.html", takes_context=True)
def public_head(context, page=None):
    """hreflang alternates (with x-default), Open Graph, JSON-LD for a Wagtail page."""
    request = context.get("request")
    if page is None or not hasattr(page, "get_translations"):
        return {"page": None}
    page = page.specific
    alternates = page_alternates(page=page, request=request) if page.live else []
    default = next((alt for alt in alternates if alt.language == settings.LANGUAGE_CODE), None)
    rendition = cover_rendition(page)
    language = page.locale.language_code
    return {
        "page": page,
        "alternates": alternates,
        "x_default": default,
        "canonical": page.get_full_url(request),
        "og_type": "article" if page.specific_class.__name__ == "ArticlePage" else "website",
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [
            OG_LOCALES.get(alt.language, alt.language) for alt in alternates if not alt.current
        ],
        "og_image": absolute(request, rendition.url) if rendition else "",
        "og_image_alt": getattr(page, "cover_alt", ""),
        "description": getattr(page, "description", "") or page.search_description,
        "json_ld": json_ld(page_schema(page, request)),
        "site_name": office_name_in(language),
    }


@register.inclusion_tag("promotion/tags/header.html", takes_context=True)
def public_header(context, page=None):
    """Site name, main navigation and the language switcher of the page's language."""
    request = context.get("request")
    home = _locale_home(page if hasattr(page, "locale_id") else None)
    sections = home.get_children().live().public().in_menu().specific() if home else []
    languages = []
    if page is not None and hasattr(page, "get_translations") and page.live:
        languages = page_alternates(page=page.specific, request=request)
    current = page.locale.language_code if hasattr(page, "locale_id") else None
    return {
        "home": home,
        "sections": sections,
        "languages": languages,
        "current_path": request.path if request else "",
        "current_language": current or translation.get_language(),
        "page": page,
    }


@register.inclusion_tag("promotion/tags/footer.html", takes_context=True)
def public_footer(context, page=None):
    home = _locale_home(page if hasattr(page, "locale_id") else None)
    news = NewsIndexPage.objects.live().child_of(home).first() if home else None
    events = EventIndexPage.objects.live().child_of(home).first() if home else None
    language = home.locale.language_code if home else settings.LANGUAGE_CODE
    return {
        "home": home,
        "news": news,
        "events": events,
        "language": language,
        "office": office_name_in(language),
        "page": page,
    }


@register.filter
def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


@register.simple_tag(takes_context=True)
def ui(context, key: str) -> str:
    """An interface word in the language of the page being shown."""
    page = context.get("page")
    language = (
        page.locale.language_code if hasattr(page, "locale_id") else translation.get_language()
    )
    return ui_text(key, language or settings.LANGUAGE_CODE)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
