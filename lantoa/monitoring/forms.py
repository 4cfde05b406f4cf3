from django import forms
from django.utils.translation import gettext_lazy as _

from lantoa.core.fields import WebURLFormField

from .constants import SourceKind
from .models import Source

MAX_UPLOAD = 20 * 1024 * 1024


class UrlSubmitForm(forms.Form):
    url = WebURLFormField(label=_("Đường dẫn bài viết"), max_length=2000)


class PostsImportForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Nguồn (loại tệp bài đăng)"),
        queryset=Source.objects.filter(kind=SourceKind.SOCIAL_IMPORT),
    )
    file = forms.FileField(label=_("Tệp CSV, JSON hoặc XLSX"))
    text = forms.CharField(label=_("Cột nội dung (bắt buộc)"), max_length=200)
    title = forms.CharField(label=_("Cột tiêu đề"), max_length=200, required=False)
    url = forms.CharField(label=_("Cột đường dẫn"), max_length=200, required=False)
    author = forms.CharField(
        label=_("Cột tác giả (sẽ được ẩn danh)"), max_length=200, required=False
    )
    published = forms.CharField(label=_("Cột thời điểm đăng"), max_length=200, required=False)
    language = forms.CharField(label=_("Cột ngôn ngữ"), max_length=200, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp vượt quá 20 MB."))
        if not upload.name.lower().endswith((".csv", ".json", ".jsonl", ".xlsx")):
            raise forms.ValidationError(_("Chỉ nhận tệp .csv, .json, .jsonl hoặc .xlsx."))
        return upload

    def mapping(self) -> dict[str, str]:
        fields = ("text", "title", "url", "author", "published", "language")
        return {f: self.cleaned_data[f].strip() for f in fields if self.cleaned_data.get(f)}
