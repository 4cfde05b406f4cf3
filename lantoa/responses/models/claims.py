"""The claims a case answers and the items in which they came back (recurrences)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from ..constants import RecurrenceReview


class Claim(Orderable):
    """One statement a case answers, matched against incoming items in every language.

    `key_phrases` are extra spellings, one per line, in any language (a translation of the claim,
    a name as foreign outlets write it): an item containing one counts as strongly as the claim's
    own names and numbers.
    """

    case = ParentalKey(
        "responses.Case", on_delete=models.CASCADE, related_name="claims", verbose_name=_("vụ việc")
    )
    text = models.CharField(_("nội dung thông tin"), max_length=300)
    language = models.CharField(
        _("ngôn ngữ của nội dung"), max_length=10, choices=settings.LANGUAGES, default="vi"
    )
    watch_languages = models.CharField(
        _("theo dõi trong các ngôn ngữ"),
        max_length=60,
        blank=True,
        help_text=_("Mã ngôn ngữ cách nhau bởi dấu phẩy (vi, en, zh…); để trống là mọi ngôn ngữ."),
    )
    key_phrases = models.TextField(
        _("cụm từ khóa, tên gọi khác"),
        blank=True,
        help_text=_("Mỗi dòng một cụm, bằng bất kỳ ngôn ngữ nào (bản dịch, tên riêng…)."),
    )
    is_active = models.BooleanField(_("đang đối chiếu"), default=True)

    class Meta(Orderable.Meta):
        verbose_name = _("thông tin cần làm rõ")
        verbose_name_plural = _("các thông tin cần làm rõ")

    def __str__(self) -> str:
        return self.text

    def phrase_list(self) -> list[str]:
        return [line.strip() for line in self.key_phrases.splitlines() if line.strip()]

    def language_list(self) -> list[str]:
        return [code.strip() for code in self.watch_languages.split(",") if code.strip()]


class ClaimRecurrence(models.Model):
    """An incoming item in which a known claim came back, waiting for a reviewer's word."""

    case = models.ForeignKey(
        "responses.Case",
        verbose_name=_("vụ việc"),
        on_delete=models.CASCADE,
        related_name="recurrences",
    )
    claim = models.ForeignKey(
        Claim, verbose_name=_("thông tin"), on_delete=models.CASCADE, related_name="recurrences"
    )
    item = models.ForeignKey(
        "monitoring.Item",
        verbose_name=_("tin"),
        on_delete=models.CASCADE,
        related_name="claim_recurrences",
    )
    score = models.FloatField(_("độ khớp"))
    appeared_at = models.DateTimeField(_("thời điểm xuất hiện"), db_index=True)
    matched_at = models.DateTimeField(_("thời điểm đối chiếu"), auto_now_add=True)
    review_state = models.CharField(
        _("xem xét"),
        max_length=10,
        choices=RecurrenceReview.choices,
        default=RecurrenceReview.PENDING,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xem xét"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần thông tin xuất hiện lại")
        verbose_name_plural = _("thông tin xuất hiện lại")
        ordering = ["-appeared_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "item"], name="recurrence_one_per_claim_item")
        ]
        indexes = [models.Index(fields=["case", "appeared_at"], name="recurrence_case_day")]

    def __str__(self) -> str:
        return f"{self.claim} · {self.item_id}"
