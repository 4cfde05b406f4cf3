"""Writes of the promotion app (site, translations, library, editorial calendar)."""

from .calendar import (
    CsvImportResult,
    channel_post_record,
    channel_posts_import_csv,
    pages_publish_scheduled,
    plan_item_move,
)
from .library import asset_register_image, themes_ensure
from .site import site_ensure
from .translation import page_translate

__all__ = [
    "CsvImportResult",
    "asset_register_image",
    "channel_post_record",
    "channel_posts_import_csv",
    "page_translate",
    "pages_publish_scheduled",
    "plan_item_move",
    "site_ensure",
    "themes_ensure",
]
