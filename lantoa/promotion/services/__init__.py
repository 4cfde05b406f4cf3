"""Writes of the promotion app (site, translations, library, editorial calendar)."""

from .calendar import (
    CsvImportResult,
    channel_post_record,
    channel_posts_import_csv,
    pages_publish_scheduled,
    plan_item_move,
)
from .glossary import glossary_ensure, leader_workflow_ensure
from .library import asset_register_image, library_rights_warn, themes_ensure
from .site import site_ensure
from .translation import (
    TranslationError,
    page_translate,
    translation_approve,
    translation_machine_translate,
    translation_sync,
)

__all__ = [
    "CsvImportResult",
    "TranslationError",
    "asset_register_image",
    "channel_post_record",
    "channel_posts_import_csv",
    "glossary_ensure",
    "leader_workflow_ensure",
    "library_rights_warn",
    "page_translate",
    "pages_publish_scheduled",
    "plan_item_move",
    "site_ensure",
    "themes_ensure",
    "translation_approve",
    "translation_machine_translate",
    "translation_sync",
]
