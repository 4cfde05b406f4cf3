"""The search index table and saved searches."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemSearchEntry(models.Model):
    """One row of the full-text index per item (rowid = Item.id), written only by
    `services.items_index`.

    The table differs per engine (an FTS5 virtual table on SQLite, tsvector columns with GIN
    indexes on PostgreSQL; see backends.py and migration 0001), so it is never queried through the
    ORM. It is a model so that Django knows the table: test flushes empty it with the items.
    """

    rowid = models.BigIntegerField(primary_key=True)

    class Meta:
        db_table = "search_item_fts"
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.rowid)


class SavedSearch(models.Model):
    """A query a staff member keeps to run again (the query text; results are always live)."""

    name = models.CharField(_("tên"), max_length=200)
    query = models.TextField(
        _("câu truy vấn"),
        help_text=_('Ví dụ: "Quy Nhơn" AND (du lịch OR đầu tư) AND date:[2026-08-01 TO *]'),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    is_shared = models.BooleanField(
        _("chia sẻ"), default=False, help_text=_("Mọi cán bộ theo dõi đều thấy tìm kiếm này.")
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("tìm kiếm đã lưu")
        verbose_name_plural = _("tìm kiếm đã lưu")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
