"""Writes for the public site."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from ..constants import SOURCE_LANGUAGE
from ..models import HomePage


@transaction.atomic
def site_ensure(*, title: str, intro: str = "") -> HomePage:
    """Make a HomePage the default site's root, with a translation in every content language.

    Idempotent. Wagtail's own placeholder welcome page is removed once the HomePage replaces it.
    """
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    source_locale = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    home = HomePage.objects.filter(locale=source_locale).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title=title, slug="trang-chu", intro=intro, locale=source_locale)
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    if (site.hostname, site.port) == ("localhost", 80):
        # Wagtail's placeholder site: give it the address the office actually serves, so
        # absolute links (hreflang, sitemaps, feeds) point somewhere real.
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = base.hostname or "localhost"
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.save()
    if site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.save()
        if placeholder.specific_class is Page and not placeholder.get_children().exists():
            placeholder.delete()
    for locale in Locale.objects.exclude(pk=source_locale.pk):
        if not HomePage.objects.filter(
            translation_key=home.translation_key, locale=locale
        ).exists():
            translation = home.copy_for_translation(locale)
            translation.save_revision().publish()
    return home
