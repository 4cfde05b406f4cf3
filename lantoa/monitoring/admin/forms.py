"""Forms of the monitoring admin: the item editor's, a pasted URL, a file of posts."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lantoa.core.fields import WebURLFormField
from lantoa.core.uploads import POSTS_IMPORT, PolicyFileField

from ..constants import SourceKind
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
