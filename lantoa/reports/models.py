"""The annual report's narrative. (Background jobs moved to lantoa.core.jobs, tables and all.)"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnualReportNarrative(models.Model):
    """The written parts of the annual report that figures cannot give: the assessment
    (strengths, shortcomings, causes) and the directions for next year, per plan and year.

    `plan_number` is the plan's number as written on it (e.g. "78-KH/ĐU"); blank covers every plan.
    """

    plan_number = models.CharField(_("số kế hoạch"), max_length=64, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    strengths = models.TextField(_("ưu điểm"), blank=True)
    shortcomings = models.TextField(_("hạn chế"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    lessons = models.TextField(_("bài học kinh nghiệm"), blank=True)
    directions = models.TextField(_("phương hướng, nhiệm vụ năm tới"), blank=True)
    recommendations = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("nội dung đánh giá báo cáo năm")
        verbose_name_plural = _("nội dung đánh giá báo cáo năm")
        ordering = ["-year", "plan_number"]
        constraints = [
            models.UniqueConstraint(fields=["plan_number", "year"], name="reports_narrative_once")
        ]

    def __str__(self) -> str:
        return f"Báo cáo năm {self.year} {self.plan_number}".strip()
