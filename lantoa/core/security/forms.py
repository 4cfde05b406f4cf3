"""Admin forms hardened: login labels translatable, document uploads checked."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.documents.forms import BaseDocumentForm

from lantoa.core.uploads import DOCUMENT, upload_check


class LoginForm(WagtailLoginForm):
    """Wagtail leaves the password label to the field-name fallback, which is never translated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
        self.fields["remember"].label = _("Remember me")


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form with the product's upload policy: type checked on the content,
    size, and zip bombs disguised as Office files refused."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and hasattr(file, "content_type"):  # a new upload, not the stored file
            upload_check(file, policy=DOCUMENT)
        return file
