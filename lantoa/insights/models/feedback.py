"""What monitors think of alerts, and how a spike rule's sensitivity moved because of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .alerts import Alert, AlertRule


class AlertFeedback(models.Model):
    """One person's mark on one alert: useful or not (one per person and alert; marking again
    changes it). A spike rule's k learns from these (`services.feedback`)."""

    alert = models.ForeignKey(
        Alert, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("cảnh báo")
    )
    # Kept when the account is removed: the mark still counted for the rule.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đánh giá"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    useful = models.BooleanField(_("hữu ích"))
    marked_at = models.DateTimeField(_("đánh giá lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đánh giá cảnh báo")
        verbose_name_plural = _("đánh giá cảnh báo")
        constraints = [
            models.UniqueConstraint(fields=["alert", "user"], name="alert_feedback_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.alert_id}: {'hữu ích' if self.useful else 'không hữu ích'}"


class SensitivityChange(models.Model):
    """A move of a spike rule's k, with the reason in words: learnt from the marks (no user),
    or a person undoing an earlier move (`undoes`). The rule's history, newest first."""

    rule = models.ForeignKey(
        AlertRule,
        on_delete=models.CASCADE,
        related_name="sensitivity_changes",
        verbose_name=_("quy tắc cảnh báo"),
    )
    old_k = models.FloatField(_("k trước"))
    new_k = models.FloatField(_("k sau"))
    useful = models.PositiveIntegerField(_("số cảnh báo hữu ích"), default=0)
    not_useful = models.PositiveIntegerField(_("số cảnh báo không hữu ích"), default=0)
    reason = models.TextField(_("lý do"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thay đổi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undoes = models.OneToOneField(
        "self",
        verbose_name=_("hoàn tác lần thay đổi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="undone_by",
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("thay đổi độ nhạy")
        verbose_name_plural = _("lịch sử độ nhạy")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.rule}: k {self.old_k:g} → {self.new_k:g}"
