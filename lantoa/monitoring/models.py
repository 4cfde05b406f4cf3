"""Sources the office follows, the items they bring, and the records of fetching them."""

import zlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantoa.core.constants import country_choices
from lantoa.core.fields import WebURLField

from .constants import FetchErrorKind, FetchOutcome, LeftOut, OutletType, SourceKind
from .html import sanitise

# News sites: their feeds often carry only a summary, the article is on the page.
FULL_TEXT_OUTLETS = (OutletType.DOMESTIC_PRESS, OutletType.FOREIGN_PRESS, OutletType.GOVERNMENT)


class Source(models.Model):
    """A feed, sitemap, page or import file the office follows (an outlet, never a person).

    Polling state (interval, next fetch, conditional-GET validators, failures) lives here so any
    worker can pick the source up; a source is never disabled by failures, only backed off.
    """

    name = models.CharField(_("tên nguồn"), max_length=255)
    kind = models.CharField(_("loại nguồn"), max_length=20, choices=SourceKind.choices)
    url = WebURLField(_("địa chỉ"), max_length=2000, blank=True)
    outlet_type = models.CharField(_("loại kênh"), max_length=20, choices=OutletType.choices)
    country = models.CharField(
        _("quốc gia"),
        max_length=2,
        default="VN",
        choices=country_choices,
        help_text=_(
            "Nước của tòa soạn, cơ quan hoặc kênh. Giờ đăng không ghi múi giờ của nguồn nước "
            "ngoài được hiểu là giờ của nước này."
        ),
    )
    language = models.CharField(_("ngôn ngữ dự kiến"), max_length=10, default="vi")
    priority = models.PositiveSmallIntegerField(_("mức ưu tiên"), default=3)
    is_active = models.BooleanField(_("đang theo dõi"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    # --- polling (added by migration 0002) ---
    poll_min_minutes = models.PositiveIntegerField(_("chu kỳ ngắn nhất (phút)"), default=15)
    poll_max_minutes = models.PositiveIntegerField(_("chu kỳ dài nhất (phút)"), default=360)
    interval_seconds = models.PositiveIntegerField(_("chu kỳ hiện tại (giây)"), default=1800)
    next_fetch_at = models.DateTimeField(_("lần thu thập tới"), null=True, blank=True)
    claimed_until = models.DateTimeField(
        _("đang thu thập đến"), null=True, blank=True, editable=False
    )
    etag = models.CharField(_("ETag của máy chủ"), max_length=500, blank=True, editable=False)
    last_modified = models.CharField(
        _("Last-Modified của máy chủ"), max_length=100, blank=True, editable=False
    )
    polls_since_full = models.PositiveIntegerField(
        _("số lần thu thập từ lần đọc đầy đủ gần nhất"), default=0, editable=False
    )
    consecutive_failures = models.PositiveIntegerField(_("số lần lỗi liên tiếp"), default=0)
    last_polled_at = models.DateTimeField(_("lần thu thập gần nhất"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("lần thành công gần nhất"), null=True, blank=True)
    last_outcome = models.CharField(
        _("kết quả gần nhất"), max_length=30, choices=FetchOutcome.choices, blank=True
    )
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    full_text = models.BooleanField(
        _("tải toàn văn khi tin RSS/Atom chỉ có tóm tắt"),
        null=True,
        blank=True,
        default=None,
        help_text=_(
            "Để trống: tự động, bật với báo chí và cơ quan nhà nước, tắt với mạng xã hội và blog. "
            "Trang bài được tải theo cùng quy tắc lịch sự (robots.txt, giãn cách, giới hạn dung "
            "lượng)."
        ),
    )
    last_error_kind = models.CharField(
        _("loại lỗi gần nhất"), max_length=20, choices=FetchErrorKind.choices, blank=True
    )
    column_mapping = models.JSONField(
        _("ánh xạ cột (tệp nhập)"),
        default=dict,
        blank=True,
        help_text=_('Ví dụ: {"text": "noi_dung", "author": "tai_khoan", "url": "link"}'),
    )

    class Meta:
        verbose_name = _("nguồn tin")
        verbose_name_plural = _("nguồn tin")
        ordering = ["name"]
        indexes = [models.Index(fields=["is_active", "next_fetch_at"])]

    def __str__(self) -> str:
        return self.name

    def wants_full_text(self) -> bool:
        """Fetch the article page of a feed item that carries only a summary?"""
        if self.full_text is not None:
            return self.full_text
        return self.outlet_type in FULL_TEXT_OUTLETS


class Story(models.Model):
    """A story ("chuỗi tin"): every item about one event. Copies and near-copies of an article
    (MinHash, at ingest) fold into it, and the analyse stage joins coverage of the same event by
    other outlets and in other languages (lantoa.insights.ml.linking). The one story concept:
    the origin trace, the foreign-pickup alert and the international view read it."""

    title = models.TextField(_("tiêu đề"))
    first_seen_at = models.DateTimeField(
        _("xuất hiện lần đầu"), default=timezone.now, db_index=True
    )
    last_seen_at = models.DateTimeField(_("lần gần nhất"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    item_count = models.PositiveIntegerField(_("số tin"), default=0)
    # When an item of a foreign outlet (or in a foreign language) first joined, and when the
    # foreign-pickup alert was raised for it (once per story).
    foreign_at = models.DateTimeField(_("lần đầu xuất hiện ở nước ngoài"), null=True, blank=True)
    foreign_alerted_at = models.DateTimeField(
        _("đã cảnh báo lan ra nước ngoài lúc"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("chuỗi tin")
        verbose_name_plural = _("chuỗi tin")
        ordering = ["-last_seen_at", "-id"]

    def __str__(self) -> str:
        return self.title


class PollRun(models.Model):
    """One poll of one source: how fetching ended and the final status of every item it brought."""

    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="poll_runs", verbose_name=_("nguồn tin")
    )
    started_at = models.DateTimeField(_("bắt đầu"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=30, choices=FetchOutcome.choices, default=FetchOutcome.RUNNING
    )
    http_status = models.PositiveSmallIntegerField(_("mã HTTP"), null=True, blank=True)
    full_fetch = models.BooleanField(_("tải đầy đủ"), default=False)
    # {ItemStatus value: count}; each candidate item is counted exactly once.
    counts = models.JSONField(_("số tin theo trạng thái"), default=dict, blank=True)
    stored = models.PositiveIntegerField(_("tin mới"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    error_kind = models.CharField(
        _("loại lỗi"), max_length=20, choices=FetchErrorKind.choices, blank=True
    )
    # Items quarantined or dropped for a failure: [{"url", "status", "error"}].
    problems = models.JSONField(_("tin có vấn đề"), default=list, blank=True)
    # Input taken in only in part: {LeftOut value: count} (links left for the next poll, child
    # sitemaps not read, rows that are not posts, titles cut, ...).
    left_out = models.JSONField(_("phần bỏ lại"), default=dict, blank=True)
    worker = models.CharField(_("tiến trình thu thập"), max_length=100, blank=True)

    # Not in Wagtail's reference index: a poll is bookkeeping, hundreds a day, and saving one
    # would cost the index a read and a write (a row for every poll, pointing at its source).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("lượt thu thập")
        verbose_name_plural = _("lượt thu thập")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} · {self.started_at:%Y-%m-%d %H:%M}"

    def left_out_display(self) -> str:
        """What this poll left out, in words ("" when it took everything in)."""
        labels = dict(LeftOut.choices)
        return "; ".join(f"{labels.get(k, k)}: {n}" for k, n in sorted(self.left_out.items()))

    left_out_display.short_description = _("phần bỏ lại")


class RawResponse(models.Model):
    """A fetched body kept zlib-compressed so items can be re-extracted later."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="raw_responses")
    poll_run = models.ForeignKey(PollRun, on_delete=models.SET_NULL, null=True, blank=True)
    url = WebURLField(max_length=2000)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    body_compressed = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    fetched_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("bản gốc đã tải")
        verbose_name_plural = _("bản gốc đã tải")

    def __str__(self) -> str:
        return self.url

    @property
    def body(self) -> bytes:
        return zlib.decompress(bytes(self.body_compressed))


class HostSlot(models.Model):
    """When the next request to a host may start: keeps ≥5 s between requests across workers."""

    host = models.CharField(max_length=255, unique=True)
    next_at = models.DateTimeField()

    class Meta:
        verbose_name = _("lịch truy cập máy chủ")

    def __str__(self) -> str:
        return self.host


class Item(models.Model):
    """One article, feed entry or public post, stored once (dedup by normalised URL hash).

    Text is NFC; the search index (lantoa.monitoring.search) keeps the folded form.
    """

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="items", verbose_name=_("nguồn tin")
    )
    url = WebURLField(_("đường dẫn"), max_length=2000)
    url_hash = models.CharField(_("mã băm đường dẫn"), max_length=64, unique=True)
    title = models.TextField(_("tiêu đề"))
    summary = models.TextField(_("tóm tắt"), blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=10, blank=True, db_index=True)
    published_at = models.DateTimeField(_("thời điểm đăng"), null=True, blank=True, db_index=True)
    fetched_at = models.DateTimeField(_("thời điểm thu thập"), auto_now_add=True, db_index=True)

    # --- pipeline (added by migration 0002) ---
    title_folded = models.TextField(_("tiêu đề không dấu"), blank=True)
    title_hash = models.CharField(_("mã băm tiêu đề"), max_length=40, blank=True)
    html = models.TextField(_("HTML gốc (chưa lọc)"), blank=True)
    author_pseudonym = models.CharField(_("tác giả (bí danh)"), max_length=20, blank=True)
    # A social post's URL as received, encrypted (lantoa.monitoring.privacy.seal) when the stored
    # `url` had a person's handle replaced; opened only through the audited redirect.
    original_url_sealed = models.TextField(_("đường dẫn gốc (mã hoá)"), blank=True, editable=False)
    story = models.ForeignKey(
        Story,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("chuỗi tin"),
    )
    raw = models.ForeignKey(
        RawResponse,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("bản gốc đã tải"),
    )
    poll_run = models.ForeignKey(
        PollRun, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("lượt thu thập")
    )
    minhash = models.BinaryField(_("dấu MinHash"), null=True, blank=True, editable=False)
    # Set once the analyse and alert stages have run; items left unset are resumed.
    processed_at = models.DateTimeField(
        _("phân tích xong lúc"), null=True, blank=True, db_index=True
    )

    class Meta:
        verbose_name = _("tin")
        verbose_name_plural = _("tin")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["source", "title_hash"]),
            # The source list's "items per day" counts each source's recent items from the
            # index alone (admin SourceViewSet).
            models.Index(fields=["source", "fetched_at"], name="monitoring_item_src_fetched"),
            # The items list, newest first, filtered by language or by source(s): read in the
            # list's order from the index and stopped at the page, instead of every match sorted
            # (SQLite took 10 s at 1M items for a language and a kind of source; admin filters).
            models.Index(
                fields=["language", "published_at", "id"], name="monitoring_item_lang_pub"
            ),
            models.Index(fields=["source", "published_at", "id"], name="monitoring_item_src_pub"),
        ]
        permissions = [("view_original_link", _("Mở đường dẫn gốc của bài đăng mạng xã hội"))]

    def __str__(self) -> str:
        return self.title

    def content_sanitised(self):
        """The item's HTML as received, cleaned by nh3 (safe to show in the admin)."""
        return sanitise(self.html) if self.html else ""

    content_sanitised.short_description = _("nội dung gốc (đã lọc an toàn)")
