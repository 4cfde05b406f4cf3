"""StreamField blocks of the public pages. Every image carries its own alt text, required."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from lantoa.core.validators import validate_web_url


class ImageBlock(blocks.StructBlock):
    """An image with required alt text (what a blind visitor hears) and an optional caption."""

    image = ImageChooserBlock(label=_("ảnh"))
    alt = blocks.CharBlock(
        label=_("mô tả ảnh (alt)"),
        max_length=250,
        required=True,
        help_text=_("Bắt buộc: mô tả ngắn nội dung ảnh cho người khiếm thị."),
    )
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("nguồn ảnh"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "promotion/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """A video hosted elsewhere, shown as a link with a thumbnail: no player script loads with
    the page, the visitor chooses to leave for the video site."""

    url = blocks.URLBlock(label=_("địa chỉ video"), validators=[validate_web_url])
    title = blocks.CharBlock(label=_("tên video"), max_length=200)
    thumbnail = ImageChooserBlock(label=_("ảnh đại diện"), required=False)
    thumbnail_alt = blocks.CharBlock(label=_("mô tả ảnh đại diện (alt)"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if value.get("thumbnail") and not value.get("thumbnail_alt"):
            raise StructBlockValidationError(
                block_errors={
                    "thumbnail_alt": ValidationError(_("Ảnh đại diện cần có mô tả (alt)."))
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["host"] = urlsplit(value["url"]).hostname or ""
        return context

    class Meta:
        icon = "media"
        label = _("Video")
        template = "promotion/blocks/video.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("tiêu đề mục"), max_length=150, template="promotion/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("đoạn văn"), features=["bold", "italic", "link", "ol", "ul"]
    )
    image = ImageBlock()
    quote = blocks.BlockQuoteBlock(label=_("trích dẫn"))
    video = VideoBlock()
