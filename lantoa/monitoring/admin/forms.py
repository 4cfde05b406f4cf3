"""Forms of the monitoring admin: the source and item editors', a pasted URL, a file of posts."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lantoa.core.constants import address_country, country_name
from lantoa.core.fields import WebURLFormField
from lantoa.core.uploads import POSTS_IMPORT, PolicyFileField

from ..constants import OutletType, SourceKind
from ..models import Source
from ..privacy import url_pseudonymise
from ..selectors import item_url_taken


class UrlSubmitForm(forms.Form):
    url = WebURLFormField(label=_("Đường dẫn bài viết"), max_length=2000)


class PostsImportForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Nguồn (loại tệp bài đăng)"),
        queryset=Source.objects.filter(kind=SourceKind.SOCIAL_IMPORT),
    )
    file = PolicyFileField(label=_("Tệp CSV, JSON hoặc XLSX"), policy=POSTS_IMPORT)
    text = forms.CharField(label=_("Cột nội dung (bắt buộc)"), max_length=200)
    title = forms.CharField(label=_("Cột tiêu đề"), max_length=200, required=False)
    url = forms.CharField(label=_("Cột đường dẫn"), max_length=200, required=False)
    author = forms.CharField(
        label=_("Cột tác giả (sẽ được ẩn danh)"), max_length=200, required=False
    )
    published = forms.CharField(label=_("Cột thời điểm đăng"), max_length=200, required=False)
    language = forms.CharField(label=_("Cột ngôn ngữ"), max_length=200, required=False)

    def mapping(self) -> dict[str, str]:
        fields = ("text", "title", "url", "author", "published", "language")
        return {f: self.cleaned_data[f].strip() for f in fields if self.cleaned_data.get(f)}


class ItemAdminForm(WagtailAdminModelForm):
    """Refuses a URL another item already has (the pipeline's first dedup tier); saving goes
    through `item_create` / `item_update` (the views), not through this form."""

    def clean_url(self):
        url = self.cleaned_data["url"]
        if item_url_taken(url=url_pseudonymise(url), exclude_id=self.instance.pk):
            raise ValidationError(_("Đã có tin với đường dẫn này."))
        return url


class SourceAdminForm(WagtailAdminModelForm):
    """The country of a source is decided, never left to a default: it sets the zone of the
    source's dates and makes it foreign press in the reports. A new source takes it from its
    address's country domain (.vn, .kr, .fr) unless one is chosen; an address on a generic domain
    (.com, .org, .net) names no country, so there it must be chosen. Refused: Việt Nam for an
    address on another country's domain, and Việt Nam for an outlet of type foreign press."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        country = self.fields.get("country")
        if country is not None and self.instance.pk is None:
            country.required = False
            country.choices = [("", _("— Theo tên miền của địa chỉ —")), *country.choices]
            self.initial["country"] = ""

    def clean(self):
        data = super().clean()
        url = data.get("url") or ""
        host = urlsplit(url).hostname if url else ""
        domain = address_country(url)
        if "country" in self.fields and not data.get("country"):
            if domain:
                data["country"] = domain
            elif url:
                self.add_error(
                    "country",
                    _(
                        "Địa chỉ %(host)s có tên miền chung, không cho biết nước của tòa soạn: "
                        "chọn quốc gia (Việt Nam cho báo trong nước)."
                    )
                    % {"host": host},
                )
        if data.get("country") == "VN" and domain not in ("", "VN"):
            self.add_error(
                "country",
                _(
                    "Địa chỉ %(host)s thuộc tên miền của %(country)s, còn quốc gia của nguồn là "
                    "Việt Nam. Chọn nước của tòa soạn: giờ đăng không ghi múi giờ được đọc theo "
                    "giờ nước đó, và tin của nguồn được tính vào báo chí nước ngoài."
                )
                % {"host": host, "country": country_name(domain)},
            )
        elif data.get("country") == "VN" and data.get("outlet_type") == OutletType.FOREIGN_PRESS:
            self.add_error(
                "country",
                _(
                    "Loại kênh là báo chí nước ngoài, còn quốc gia là Việt Nam: chọn nước của "
                    "tòa soạn (giờ đăng không ghi múi giờ được đọc theo giờ nước đó)."
                ),
            )
        return data
