"""Issued documents: directives, the plans that implement them, their outline and numbering."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantoa.core.display import choice_display

from ..constants import DocSystem, DocType, SectionKind


class Directive(models.Model):
    """An issued document that others implement: "Kết luận số 57-KL/TW, ngày 15/6/2023".

    `parent` is the document this one implements, so a chain reads 57-KL/TW → 59-KH/TU → 78-KH/ĐU.
    `code` is the full number-and-symbol as written ("57-KL/TW", "34/KH-UBND") and identifies it.
    """

    code = models.CharField(_("số, ký hiệu"), max_length=64, unique=True)
    number = models.CharField(_("số"), max_length=16)
    symbol = models.CharField(_("ký hiệu"), max_length=48)
    doc_type = models.CharField(_("loại văn bản"), max_length=32, choices=DocType.choices)
    system = models.CharField(
        _("hệ thống văn bản"), max_length=16, choices=DocSystem.choices, default=DocSystem.PARTY
    )
    title = models.TextField(_("trích yếu"), blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    aliases = models.TextField(
        _("tên gọi tắt"), blank=True, help_text=_("Mỗi dòng một cách gọi tắt trong văn bản.")
    )

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")
        ordering = ["-issued_on", "code"]

    def __str__(self) -> str:
        # A plan's label everywhere (task list rows, filters): its type's label without Django's
        # per-call hashing of every choice label (core.display).
        return f"{choice_display(self, self._meta.get_field('doc_type'))} số {self.code}"

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def chain(self) -> list["Directive"]:
        """This directive and its ancestors, the root first."""
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class Plan(models.Model):
    """A plan issued by the office (its own Directive record) with header, outline and tasks."""

    directive = models.OneToOneField(
        Directive, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="plan"
    )
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=128, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    signature_authority = models.CharField(_("thẩm quyền ký"), max_length=128, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=128, blank=True)
    source_filename = models.CharField(_("tệp gốc"), max_length=255, blank=True)
    source_text = models.TextField(_("văn bản gốc"), blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return str(self.directive)

    @property
    def code(self) -> str:
        return self.directive.code

    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class PlanSection(models.Model):
    """One node of a plan's outline: a Roman part, a numbered item, a sub-item or a bullet."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="sections"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("mục cha"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=SectionKind.choices)
    label = models.CharField(_("số thứ tự"), max_length=16, blank=True)
    path = models.CharField(_("vị trí"), max_length=64, help_text=_('Ví dụ "III.3.1".'))
    heading = models.TextField(_("tiêu đề"), blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"))

    class Meta:
        verbose_name = _("mục của kế hoạch")
        verbose_name_plural = _("mục của kế hoạch")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="plans_section_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.path} {self.heading or self.text}"[:120]


class Assignment(models.Model):
    """A line of section IV "Tổ chức thực hiện": who leads ("chủ trì") and who coordinates."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="assignments"
    )
    section = models.OneToOneField(
        PlanSection, verbose_name=_("mục"), on_delete=models.CASCADE, related_name="assignment"
    )
    lead_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_assignments",
    )
    coordinating_units = models.ManyToManyField(
        "core.Unit",
        verbose_name=_("đơn vị phối hợp"),
        blank=True,
        related_name="coordinating_assignments",
    )
    unmatched_names = models.TextField(
        _("đơn vị chưa xác định"),
        blank=True,
        help_text=_('Cách gọi chung không ứng với một đơn vị, ví dụ "các cơ quan liên quan".'),
    )

    class Meta:
        verbose_name = _("phân công thực hiện")
        verbose_name_plural = _("phân công thực hiện")
        ordering = ["plan", "section__order"]

    def __str__(self) -> str:
        return f"{self.section.path}: {self.lead_unit or '?'}"


class DocumentNumber(models.Model):
    """The register of numbers an issuing body gives its documents.

    Numbers run from 01 per issuing body, document type and term (the Party term "2025-2030" for
    Party documents, the calendar year for state documents).
    """

    issuing_unit = models.ForeignKey(
        "core.Unit", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    system = models.CharField(_("hệ thống văn bản"), max_length=16, choices=DocSystem.choices)
    doc_type = models.CharField(_("loại văn bản"), max_length=32, choices=DocType.choices)
    term = models.CharField(_("nhiệm kỳ hoặc năm"), max_length=16)
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=48)
    code = models.CharField(_("số, ký hiệu"), max_length=64)
    title = models.TextField(_("trích yếu"), blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lấy số"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm lấy số"), auto_now_add=True)

    class Meta:
        verbose_name = _("số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "doc_type", "term", "number"],
                name="plans_document_number_unique",
            )
        ]

    def __str__(self) -> str:
        return self.code
