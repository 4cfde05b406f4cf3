"""Sources the office follows and the items they bring."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import OutletType, SourceKind


class Source(models.Model):
    """A feed, sitemap, page or import file the office follows (an outlet, never a person)."""

    name = models.CharField(_("tên nguồn"), max_length=255)
    kind = models.CharField(_("loại nguồn"), max_length=20, choices=SourceKind.choices)
    url = models.URLField(_("địa chỉ"), max_length=2000, blank=True)
    outlet_type = models.CharField(_("loại kênh"), max_length=20, choices=OutletType.choices)
    country = models.CharField(_("quốc gia"), max_length=2, default="VN", help_text="ISO 3166")
    language = models.CharField(_("ngôn ngữ dự kiến"), max_length=10, default="vi")
    priority = models.PositiveSmallIntegerField(_("mức ưu tiên"), default=3)
    is_active = models.BooleanField(_("đang theo dõi"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nguồn tin")
        verbose_name_plural = _("nguồn tin")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """One article, feed entry or public post, stored once (dedup by normalised URL hash).

    Text is NFC; the search index (lantoa.monitoring.search) keeps the folded form.
    """

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="items")
    url = models.URLField(_("đường dẫn"), max_length=2000)
    url_hash = models.CharField(max_length=64, unique=True)
    title = models.TextField(_("tiêu đề"))
    summary = models.TextField(_("tóm tắt"), blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=10, blank=True, db_index=True)
    published_at = models.DateTimeField(_("thời điểm đăng"), null=True, blank=True, db_index=True)
    fetched_at = models.DateTimeField(_("thời điểm thu thập"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("tin")
        verbose_name_plural = _("tin")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title
