"""Alert rules and the alerts they raised."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantoa.core.validators import validate_emails_or_web_url

from ..constants import AlertKind, Channel, Frequency, WebhookFormat
from ..webhooks import webhook_target_error


class AlertRule(models.Model):
    """When to alert whom, how: a kind, an optional watchlist/topic scope and one channel."""

    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại cảnh báo"), max_length=30, choices=AlertKind.choices)
    watchlist = models.ForeignKey(
        "insights.Watchlist",
        verbose_name=_("danh sách theo dõi"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    topic = models.ForeignKey(
        "insights.Topic", verbose_name=_("chủ đề"), null=True, blank=True, on_delete=models.CASCADE
    )
    frequency = models.CharField(
        _("tần suất"), max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    channel = models.CharField(
        _("kênh"), max_length=20, choices=Channel.choices, default=Channel.IN_APP
    )
    target = models.CharField(
        _("nơi nhận"),
        max_length=500,
        blank=True,
        help_text=_("Địa chỉ thư (cách nhau bởi dấu phẩy) hoặc URL webhook."),
        validators=[validate_emails_or_web_url],
    )
    webhook_format = models.CharField(
        _("định dạng webhook"),
        max_length=20,
        choices=WebhookFormat.choices,
        default=WebhookFormat.JSON,
    )
    chat_id = models.CharField(_("Telegram chat_id / Zalo user_id"), max_length=100, blank=True)
    sensitivity = models.FloatField(
        _("độ nhạy k"),
        default=3.0,
        help_text=_("Ngưỡng đột biến = trung bình + k × độ lệch chuẩn; k nhỏ thì nhạy hơn."),
    )
    throttle_minutes = models.PositiveIntegerField(_("giãn cách tối thiểu (phút)"), default=60)
    is_active = models.BooleanField(_("đang bật"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("quy tắc cảnh báo")
        verbose_name_plural = _("quy tắc cảnh báo")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The admin form and the API both validate through here: a webhook rule cannot be
        # saved with a target the delivery guard would refuse.
        super().clean()
        if self.channel == Channel.WEBHOOK and (error := webhook_target_error(self.target)):
            raise ValidationError({"target": error})


class Alert(models.Model):
    """One alert raised by a rule; `dedup_key` makes raising the same alert twice impossible."""

    rule = models.ForeignKey(
        AlertRule, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("quy tắc")
    )
    kind = models.CharField(_("loại"), max_length=30, choices=AlertKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=500)
    body = models.TextField(_("nội dung"), blank=True)
    payload = models.JSONField(_("dữ liệu"), default=dict)
    dedup_key = models.CharField(_("khóa chống trùng"), max_length=200, unique=True)
    items = models.ManyToManyField(
        "monitoring.Item", related_name="alerts", blank=True, verbose_name=_("tin")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    delivery_error = models.TextField(_("lỗi gửi"), blank=True)
    read_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("người đã đọc")
    )

    class Meta:
        verbose_name = _("cảnh báo")
        verbose_name_plural = _("cảnh báo")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
