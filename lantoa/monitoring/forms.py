from django import forms
from django.utils.translation import gettext_lazy as _

from lantoa.core.uploads import POSTS_IMPORT, PolicyFileField

from .constants import SourceKind
from .models import Source


class UrlSubmitForm(forms.Form):
    url = forms.URLField(label=_("Đường dẫn bài viết"), max_length=2000, assume_scheme="https")


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
