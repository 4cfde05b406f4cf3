"""Translations through wagtail-localize: the Vietnamese page is the source, each other language
a `Translation` whose strings are kept by wagtail-localize, so a changed source is detectable."""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource


@transaction.atomic
def page_translate(
    *, page: Page, language_code: str, strings: dict[str, str], user=None, publish: bool = True
) -> Page:
    """Translate `page` into a language with `strings` (source text → translated text).

    Creates the wagtail-localize translation if needed, re-reads the source (so its latest
    published content is what gets translated), imports the strings and saves the target page.
    Strings not given stay untranslated (the page shows the source text for them and the status
    report lists the page as "being translated").
    """
    locale = Locale.objects.get(language_code=language_code)
    source, created = TranslationSource.get_or_create_from_instance(page.specific)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    for entry in po:
        if not entry.obsolete and entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
    translation.import_po(po, user=user, tool_name="Lantoa")
    translation.save_target(user=user, publish=publish)
    return page.get_translation(locale)
