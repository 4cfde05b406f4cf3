"""The content library: themes, and the rights metadata of images, videos and documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from lantoa.core.fields import WebURLField

from ..constants import AssetKind, AssetScope, Licence, ThemeCode


class Theme(models.Model):
    """A content group from the plan (history, culture, people, tourism, investment, …)."""

    code = models.SlugField(_("mã"), unique=True, choices=ThemeCode.choices)
    name = models.CharField(_("tên"), max_length=150)

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MediaAsset(index.Indexed, models.Model):
    """One item of the library: a Wagtail image, a Wagtail document or a video URL, with who made
    it, under which licence, how the office may use it, and which themes and language it serves.

    A metadata record beside wagtailimages.Image rather than a custom image model, so the image
    model is not swapped in the middle of the project; "where used" comes from Wagtail's
    reference index (see selectors.asset_usage).
    """

    title = models.CharField(_("tên tư liệu"), max_length=250)
    kind = models.CharField(_("loại"), max_length=20, choices=AssetKind.choices)
    image = models.OneToOneField(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="library_entry",
    )
    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("tài liệu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="library_entry",
    )
    video_url = WebURLField(_("địa chỉ video"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("chủ đề"), blank=True)
    language = models.CharField(
        _("ngôn ngữ"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Để trống nếu tư liệu không có lời/chữ."),
    )
    credit = models.CharField(_("tác giả, nguồn"), max_length=200)
    licence = models.CharField(
        _("giấy phép"), max_length=20, choices=Licence.choices, default=Licence.UNKNOWN
    )
    usage_rights = models.TextField(
        _("quyền sử dụng"),
        blank=True,
        help_text=_("Được dùng ở đâu, đến khi nào, cần ghi nguồn thế nào."),
    )
    rights_expire_on = models.DateField(_("hết quyền sử dụng ngày"), null=True, blank=True)
    scope = models.CharField(
        _("phạm vi được dùng"),
        max_length=20,
        choices=AssetScope.choices,
        default=AssetScope.ALL,
        help_text=_(
            "Trang công khai chỉ được dùng tư liệu có phạm vi «Mọi kênh» hoặc «Trang thông tin»."
        ),
    )
    created_at = models.DateTimeField(_("ngày nhập"), auto_now_add=True)

    search_fields = [
        index.SearchField("title"),
        index.SearchField("credit"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("licence"),
        index.FilterField("language"),
    ]

    class Meta:
        verbose_name = _("tư liệu")
        verbose_name_plural = _("thư viện tư liệu")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        target = {
            AssetKind.IMAGE: ("image", self.image_id),
            AssetKind.DOCUMENT: ("document", self.document_id),
            AssetKind.VIDEO: ("video_url", self.video_url),
        }.get(self.kind)
        if target and not target[1]:
            raise ValidationError({target[0]: _("Tư liệu loại này cần trường này.")})
