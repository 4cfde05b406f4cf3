"""Choices of the monitoring app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS / Atom / JSON Feed")
    SITEMAP = "sitemap", _("Sơ đồ trang tin (news sitemap)")
    PAGE = "page", _("Trang web theo dõi liên kết mới")
    SOCIAL_IMPORT = "social_import", _("Tệp bài đăng mạng xã hội (CSV, JSON, XLSX)")
    MANUAL = "manual", _("Nhập tay theo đường dẫn")


class OutletType(models.TextChoices):
    DOMESTIC_PRESS = "domestic_press", _("Báo chí trong nước")
    FOREIGN_PRESS = "foreign_press", _("Báo chí nước ngoài")
    GOVERNMENT = "government", _("Cơ quan nhà nước")
    SOCIAL_PAGE = "social_page", _("Trang mạng xã hội")
    BLOG = "blog", _("Blog, trang cá nhân")
