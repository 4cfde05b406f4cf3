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


class IndexState(models.Model):
    """The index's generation: one row, changed in the transaction of every change to the index
    (`services.items_index`, `items_reindex_all`, the items' delete trigger of migration 0005).

    `seq` counts the changes (in commit order: writers queue on this row); `token` is drawn at
    random at each change, so that a state seen inside a transaction that rolled back is never
    taken for a committed one with the same `seq`. A process's cache of search results
    (`newest_cache`) is valid while the row still says what it said when the result was read.
    """

    id = models.SmallIntegerField(primary_key=True)
    seq = models.BigIntegerField()
    token = models.BigIntegerField()

    class Meta:
        db_table = "search_index_state"
        verbose_name = _("thế hệ chỉ mục tìm kiếm")
        verbose_name_plural = _("thế hệ chỉ mục tìm kiếm")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.seq}:{self.token}"


class IndexChange(models.Model):
    """One change to the index, as `IndexState` was after it (the last ~1,000 are kept): rows
    appended (new items, the lowest new rowid in `first_rowid`) and/or rows replaced or removed
    (`rewrite`: an item re-indexed or deleted; their rowids in `rowids`, comma-separated, or
    NULL when there were more than `REWRITTEN_IDS` or the whole index was rebuilt). A cached
    result is brought up to date by searching only the rows concerned; after a rebuild it is
    read again."""

    seq = models.BigIntegerField(primary_key=True)
    token = models.BigIntegerField()
    first_rowid = models.BigIntegerField(null=True)
    rewrite = models.BooleanField()
    rowids = models.TextField(null=True)

    class Meta:
        db_table = "search_index_change"
        verbose_name = _("thay đổi chỉ mục tìm kiếm")
        verbose_name_plural = _("thay đổi chỉ mục tìm kiếm")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.seq}:{self.first_rowid}:{self.rowids if self.rewrite else ''}"
