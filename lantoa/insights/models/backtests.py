"""Backtests: a watchlist's or alert rule's query run over the stored items of the last 90 days,
with the random samples the monitor marks relevant or not."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import BacktestVariant


class Backtest(models.Model):
    """One run of a query over a past window, kept with the query's version so that a watchlist's
    or rule's history shows how its precision moved. The query may be an unsaved edit (the
    monitor tries before saving): `query` is exactly what ran, `version` numbers the distinct
    query texts of one watchlist or rule in the order they were first tried."""

    watchlist = models.ForeignKey(
        "insights.Watchlist",
        verbose_name=_("danh sách theo dõi"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="backtests",
    )
    rule = models.ForeignKey(
        "insights.AlertRule",
        verbose_name=_("quy tắc cảnh báo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="backtests",
    )
    query = models.TextField(_("câu truy vấn đã thử"))
    query_hash = models.CharField(_("mã câu truy vấn"), max_length=16, db_index=True)
    version = models.PositiveIntegerField(_("phiên bản câu truy vấn"), default=1)
    aliases = models.TextField(_("tên gọi khác dùng cho biến thể nới rộng"), blank=True)
    window_start = models.DateTimeField(_("từ"))
    window_end = models.DateTimeField(_("đến"))
    match_count = models.PositiveIntegerField(_("số tin khớp"), default=0)
    daily = models.JSONField(_("số tin khớp theo ngày"), default=list)
    relaxed_extra_count = models.PositiveIntegerField(
        _("số tin biến thể nới rộng thêm vào"), default=0
    )
    duration_ms = models.PositiveIntegerField(_("thời gian chạy (ms)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chạy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("chạy lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("lần thử truy vấn")
        verbose_name_plural = _("lần thử truy vấn")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        subject = self.watchlist or self.rule or _("bản nháp")
        return f"{subject} – v{self.version}"


class BacktestSample(models.Model):
    """One item of a backtest's random sample; `relevant` is None until the monitor marks it."""

    backtest = models.ForeignKey(
        Backtest,
        on_delete=models.CASCADE,
        related_name="samples",
        verbose_name=_("lần thử truy vấn"),
    )
    item = models.ForeignKey(
        "monitoring.Item", on_delete=models.CASCADE, related_name="+", verbose_name=_("tin")
    )
    variant = models.CharField(_("biến thể"), max_length=10, choices=BacktestVariant.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    relevant = models.BooleanField(_("liên quan"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người đánh dấu"),
    )
    marked_at = models.DateTimeField(_("đánh dấu lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tin mẫu của lần thử")
        verbose_name_plural = _("tin mẫu của lần thử")
        ordering = ["variant", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["backtest", "item", "variant"], name="insights_backtest_sample_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.backtest} #{self.position + 1} ({self.get_variant_display()})"
