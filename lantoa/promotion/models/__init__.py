"""Models of the promotion app: public pages, the content library, the editorial calendar."""

from .calendar import Campaign, ChannelPost, ContentPlanItem
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
    "Theme",
    "ThemeIndexPage",
    "ThemePage",
]
