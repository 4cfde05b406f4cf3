"""Monitoring's step of the first-run setup page: sources from an OPML file and the starter
list of outlets shipped in `monitoring/config/sources.yaml`."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantoa.core.office_setup import SetupOutcome, SetupStep
from lantoa.core.uploads import OPML_IMPORT, PolicyFileField

from ..office import starter_sources_setup
from ..services import sources_import_opml


class SourcesForm(forms.Form):
    file = PolicyFileField(
        label=gettext_lazy("Tệp OPML (danh sách nguồn xuất từ trình đọc tin)"),
        policy=OPML_IMPORT,
        required=False,
    )
    starter = forms.BooleanField(
        label=gettext_lazy(
            "Thêm danh sách nguồn khởi đầu (báo trong nước và nước ngoài, sáu thứ tiếng)"
        ),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("starter") and not self.errors:
            raise forms.ValidationError(_("Chọn một tệp OPML hoặc đánh dấu danh sách khởi đầu."))
        return data


def _sources(request, form) -> SetupOutcome:
    said = []
    if upload := form.cleaned_data.get("file"):
        said.append(sources_import_opml(data=upload.read()).message)
    if form.cleaned_data.get("starter"):
        said.append(str(starter_sources_setup()))
    return SetupOutcome(" ".join(said))


SETUP_STEPS = [
    SetupStep(
        key="sources",
        order=40,
        title=gettext_lazy("Nguồn tin"),
        intro=gettext_lazy(
            "Nhập tệp OPML và/hoặc thêm danh sách nguồn khởi đầu. Nguồn đã có được giữ nguyên; "
            "sửa, tắt nguồn trong mục Nguồn tin."
        ),
        form_class=SourcesForm,
        handle=_sources,
    )
]
