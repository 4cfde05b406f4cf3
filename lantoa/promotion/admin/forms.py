"""Forms of the promotion admin views."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lantoa.core.uploads import CSV_IMPORT, PolicyFileField

from ..constants import Channel


class ReachImportForm(forms.Form):
    channel = forms.ChoiceField(label=_("Kênh"), choices=Channel.choices)
    language = forms.ChoiceField(
        label=_("Ngôn ngữ mặc định"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    file = PolicyFileField(
        policy=CSV_IMPORT,
        label=_("Tệp CSV"),
        help_text=_(
            "Cột bắt buộc: url, posted_at, reach; không bắt buộc: title, interactions, language."
        ),
    )
