"""Models of the promotion app: public pages, the content library, the editorial calendar."""

from .calendar import Campaign, ChannelPost, ContentPlanItem
from .glossary import OfficialTerm
from .library import MediaAsset, Theme
from .pages import (
    ArticlePage,
    EventIndexPage,
    EventPage,
    GalleryPage,
    HomePage,
    NewsIndexPage,
    ThemeIndexPage,
    ThemePage,
)

__all__ = [
    "ArticlePage",
    "Campaign",
    "ChannelPost",
    "ContentPlanItem",
    "EventIndexPage",
    "EventPage",
    "GalleryPage",
    "HomePage",
    "MediaAsset",
    "NewsIndexPage",
    "OfficialTerm",
    "Theme",
    "ThemeIndexPage",
    "ThemePage",
]
