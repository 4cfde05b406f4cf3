"""Translations through wagtail-localize: the Vietnamese page is the source, each other language
a `Translation` whose strings are kept by wagtail-localize, so a changed source is detectable."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from ..selectors import machine_strings_of


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
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    for entry in po:
        if not entry.obsolete and entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
    translation.import_po(po, user=user, tool_name="Lantoa")
    # wagtail-localize publishes a new translation on commit; saving a draft and publishing it
    # here keeps the publication inside this service's transaction (and visible to its caller).
    translation.save_target(user=user, publish=False)
    target = page.get_translation(locale)
    if publish:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target


class TranslationError(Exception):
    """A translation action that cannot be done; the message is for the editor (Vietnamese)."""


def _translation(page: Page, language_code: str, *, create: bool) -> Translation | None:
    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.get_or_create_from_instance(page.specific)
    translation = Translation.objects.filter(source=source, target_locale=locale).first()
    if translation is None and create:
        translation = Translation.objects.create(source=source, target_locale=locale, enabled=True)
    return translation


@transaction.atomic
def translation_sync(*, page: Page, language_code: str, user=None) -> Translation:
    """Re-read the Vietnamese source and refresh the `language_code` translation as a draft.

    wagtail-localize keys each translated string by its source text and place, so every segment
    whose source did not change keeps its (human) translation; only changed or new segments show
    up untranslated. The live translated page stays as it is until someone publishes."""
    translation = _translation(page, language_code, create=True)
    translation.source.update_from_db()
    translation.enabled = True
    translation.save(update_fields=["enabled"])
    translation.save_target(user=user, publish=False)
    return translation


def machine_translator():
    """The configured machine translation provider (a wagtail-localize machine translator built
    from the LANTOA_MT_* settings), or None."""
    from wagtail_localize.machine_translators import get_machine_translator

    return get_machine_translator()


@transaction.atomic
def translation_machine_translate(*, page: Page, language_code: str, user=None) -> int:
    """Sync, then fill every untranslated segment with the machine provider's text, marked as a
    machine translation (a draft until a person approves it). Returns how many were filled."""
    from wagtail_localize.models import StringSegment, StringTranslation
    from wagtail_localize.strings import StringValue

    translator = machine_translator()
    if translator is None:
        raise TranslationError(
            _("Chưa cấu hình dịch máy (LANTOA_MT_URL); hãy dịch thủ công hoặc nhờ quản trị.")
        )
    translation = translation_sync(page=page, language_code=language_code, user=user)
    source_locale = translation.source.locale
    target_locale = translation.target_locale
    if not translator.can_translate(source_locale, target_locale):
        raise TranslationError(_("Dịch vụ dịch máy không dịch được sang ngôn ngữ này."))
    segments = (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(target_locale)
        .filter(translation__isnull=True)
        .select_related("string", "context")
    )
    pending = {}
    for segment in segments:
        pending.setdefault(segment.string, []).append(segment.context)
    if not pending:
        return 0
    strings = [StringValue(string.data) for string in pending]
    try:
        translated = translator.translate(source_locale, target_locale, strings)
    except Exception as exc:
        raise TranslationError(
            _("Dịch vụ dịch máy không trả lời được: %(error)s") % {"error": exc}
        ) from exc
    count = 0
    for (string, contexts), value in zip(pending.items(), strings, strict=True):
        result = translated.get(value)
        if result is None:
            continue
        for context in contexts:
            StringTranslation.objects.update_or_create(
                translation_of=string,
                locale=target_locale,
                context=context,
                defaults={
                    "data": result.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                    "tool_name": getattr(translator, "display_name", "") or "machine",
                    "last_translated_by": None,
                    "has_error": False,
                    "field_error": "",
                },
            )
            count += 1
    translation.save_target(user=user, publish=False)
    return count


@transaction.atomic
def translation_approve(*, page: Page, language_code: str, user) -> Page:
    """A person approves a translation: its machine strings become theirs and the page is
    published. Refused (ValidationError, nothing saved) when it breaks the glossary or uses a
    library item without rights."""
    from wagtail_localize.models import StringTranslation

    translation = _translation(page, language_code, create=False)
    if translation is None:
        raise TranslationError(_("Trang này chưa có bản dịch để duyệt."))
    machine_strings_of(translation).update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL, last_translated_by=user
    )
    translation.save_target(user=user, publish=False)
    target = page.get_translation(translation.target_locale)
    target.get_latest_revision().publish(user=user)
    target.refresh_from_db()
    return target
