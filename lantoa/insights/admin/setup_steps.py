"""Insights' step of the first-run setup page: a test message to an alert webhook."""

from django import forms
from django.utils.translation import gettext_lazy

from lantoa.core.office_setup import SetupOutcome, SetupStep

from ..constants import WebhookFormat
from ..services.delivery import webhook_test_send


class WebhookForm(forms.Form):
    url = forms.CharField(label=gettext_lazy("URL webhook"), max_length=500)
    webhook_format = forms.ChoiceField(
        label=gettext_lazy("Định dạng"), choices=WebhookFormat.choices, initial=WebhookFormat.JSON
    )
    chat_id = forms.CharField(
        label=gettext_lazy("Telegram chat_id / Zalo user_id"), max_length=100, required=False
    )


def _webhook(request, form) -> SetupOutcome:
    return webhook_test_send(**form.cleaned_data)


SETUP_STEPS = [
    SetupStep(
        key="webhook",
        order=60,
        title=gettext_lazy("Webhook thử"),
        intro=gettext_lazy(
            "Gửi một tin thử tới địa chỉ webhook (Telegram, Zalo, hệ thống khác) trước khi đặt "
            "nó vào một quy tắc cảnh báo. Không lưu gì."
        ),
        form_class=WebhookForm,
        handle=_webhook,
    )
]
