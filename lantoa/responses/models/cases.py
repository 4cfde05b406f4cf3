"""A case: one claim about the locality that may need a public clarification."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase

from lantoa.core.fields import WebURLField, plan_item_field

from ..constants import (
    OPEN_STATES,
    CaseState,
    ChannelKind,
    EventKind,
    EvidenceKind,
    OpenedFrom,
    Severity,
    Verdict,
)


class CaseTopic(TaggedItemBase):
    """A free topic tag on a case (a shared taxonomy may replace these later)."""

    content_object = ParentalKey(
        "responses.Case",
        on_delete=models.CASCADE,
        related_name="tagged_topics",
        verbose_name=_("vụ việc"),
    )

    class Meta:
        verbose_name = _("chủ đề vụ việc")
        verbose_name_plural = _("chủ đề vụ việc")


class Case(ClusterableModel):
    """A claim about the locality the rapid-response team verifies and, if needed, clarifies.

    The workflow `state` and the `verdict` are separate: a case may be verified as accurate and
    closed without a clarification. State changes only through the services in
    `lantoa.responses.services`, each recorded as a CaseEvent and in the audit log.
    The responsible person and unit are plain foreign keys so they can later point at the
    rapid-response roster of the people app.
    """

    claim = models.CharField(
        _("nội dung thông tin cần làm rõ"),
        max_length=300,
        help_text=_("Một dòng, nên không quá 75 ký tự."),
    )
    description = models.TextField(_("mô tả"), blank=True)
    opened_from = models.CharField(
        _("nguồn mở vụ việc"), max_length=10, choices=OpenedFrom.choices, default=OpenedFrom.MANUAL
    )
    items = models.ManyToManyField(
        "monitoring.Item", verbose_name=_("tin liên quan"), blank=True, related_name="cases"
    )
    topics = ClusterTaggableManager(
        verbose_name=_("chủ đề"), through=CaseTopic, blank=True, help_text=""
    )
    severity = models.CharField(
        _("mức độ"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=CaseState.choices,
        default=CaseState.DETECTED,
        db_index=True,
    )
    verdict = models.CharField(
        _("kết luận"), max_length=15, choices=Verdict.choices, default=Verdict.UNDETERMINED
    )
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response_cases",
    )
    responsible_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response_cases",
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    detected_at = models.DateTimeField(_("thời điểm phát hiện"), default=timezone.now)
    due_at = models.DateTimeField(_("hạn công bố"), db_index=True)
    first_action_at = models.DateTimeField(_("thời điểm xử lý đầu tiên"), null=True, blank=True)
    approved_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    published_at = models.DateTimeField(_("thời điểm công bố"), null=True, blank=True)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    alerted_at = models.DateTimeField(_("đã cảnh báo lúc"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("đã báo lãnh đạo lúc"), null=True, blank=True)
    clarification = models.OneToOneField(
        "responses.ClarificationPage",
        verbose_name=_("trang làm rõ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    plan_item = plan_item_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("vụ việc")
        verbose_name_plural = _("vụ việc")
        ordering = ["due_at", "-id"]
        permissions = [("act_on_case", _("Chuyển trạng thái vụ việc"))]

    def __str__(self) -> str:
        return self.claim

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def is_overdue(self, now=None) -> bool:
        """Still waiting for publication after its due time."""
        return self.is_open and self.due_at < (now or timezone.now())

    @property
    def published_on_time(self) -> bool | None:
        """True/False once published; None before."""
        if self.published_at is None:
            return None
        return self.published_at <= self.due_at

    def first_appearance(self):
        return self.appearances.order_by("appeared_at", "pk").first()


class Appearance(models.Model):
    """Where and when the claim appeared (an article, a post, a video …)."""

    case = ParentalKey(
        Case, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("vụ việc")
    )
    url = WebURLField(_("đường dẫn"), max_length=2000)
    appeared_at = models.DateTimeField(_("thời điểm xuất hiện"))
    outlet = models.CharField(_("kênh, trang đăng"), max_length=255, blank=True)
    item = models.ForeignKey(
        "monitoring.Item",
        verbose_name=_("tin theo dõi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("nơi xuất hiện")
        verbose_name_plural = _("nơi xuất hiện")
        ordering = ["appeared_at", "pk"]

    def __str__(self) -> str:
        return self.url


class Evidence(models.Model):
    """A document, link or agency statement supporting the verdict, with its source and date."""

    case = ParentalKey(
        Case, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("vụ việc")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    source = models.CharField(
        _("nguồn"), max_length=255, help_text=_("Cơ quan, đơn vị hoặc trang cung cấp.")
    )
    date = models.DateField(_("ngày"))
    url = WebURLField(_("đường dẫn"), max_length=2000, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tài liệu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    excerpt = models.TextField(_("trích dẫn"), blank=True)
    is_public = models.BooleanField(
        _("công khai trên trang làm rõ"),
        default=True,
        help_text=_("Bỏ chọn nếu tài liệu chỉ dùng nội bộ."),
    )

    class Meta:
        verbose_name = _("bằng chứng")
        verbose_name_plural = _("bằng chứng")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def link(self) -> str:
        return self.document.url if self.document_id else self.url


class ResponseChannel(models.Model):
    """One way the office answered: press conference, own site, correction request, statement."""

    case = ParentalKey(
        Case, on_delete=models.CASCADE, related_name="channels", verbose_name=_("vụ việc")
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=ChannelKind.choices)
    date = models.DateField(_("ngày"))
    url = WebURLField(_("đường dẫn"), max_length=2000, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("hình thức phản hồi")
        verbose_name_plural = _("hình thức phản hồi")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date:%d/%m/%Y})"


class CaseEvent(models.Model):
    """One line of a case's timeline: who did what, when, and the state before and after."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("vụ việc")
    )
    kind = models.CharField(_("sự kiện"), max_length=30, choices=EventKind.choices)
    from_state = models.CharField(
        _("từ trạng thái"), max_length=20, choices=CaseState.choices, blank=True
    )
    to_state = models.CharField(
        _("sang trạng thái"), max_length=20, choices=CaseState.choices, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)

    class Meta:
        verbose_name = _("diễn biến vụ việc")
        verbose_name_plural = _("diễn biến vụ việc")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%d/%m/%Y %H:%M}"


class Correction(models.Model):
    """A public correction of a published clarification: what changed and why (never silent)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("vụ việc")
    )
    note = models.TextField(_("nội dung đính chính"))
    previous_verdict = models.CharField(_("kết luận trước"), max_length=15, choices=Verdict.choices)
    new_verdict = models.CharField(_("kết luận mới"), max_length=15, choices=Verdict.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người ghi"),
    )
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        verbose_name = _("đính chính")
        verbose_name_plural = _("đính chính")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.note[:80]


class DeadlineNotice(models.Model):
    """An in-app notice to one person that a case's deadline is near or passed (also e-mailed).

    Not an Alert: `insights.Alert` is about media; this one is about a case's timeliness.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deadline_notices",
        verbose_name=_("người nhận"),
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="deadline_notices", verbose_name=_("vụ việc")
    )
    kind = models.CharField(_("loại"), max_length=30, choices=EventKind.choices)
    message = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo hạn xử lý")
        verbose_name_plural = _("thông báo hạn xử lý")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.message[:80]
