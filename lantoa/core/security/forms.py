"""Admin forms hardened: login labels translatable, document uploads checked."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.documents.forms import BaseDocumentForm

from lantoa.core.uploads import OFFICE_ARCHIVES, check_office_archive


class LoginForm(WagtailLoginForm):
    """Wagtail leaves the password label to the field-name fallback, which is never translated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
        self.fields["remember"].label = _("Remember me")


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing zip bombs disguised as Office files."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and Path(file.name).suffix.lower() in OFFICE_ARCHIVES:
            check_office_archive(file)
        return file
