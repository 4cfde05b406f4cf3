"""Forms of the insights admin."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from ..models import AlertRule, Label
from ..services import label_validate
from ..services.analysis import LabelError


class LabelForm(WagtailAdminModelForm):
    """Only the value changes; the kind (topic, tone …) is fixed once the label exists."""

    class Meta:
        model = Label
        fields = ["value"]
        widgets = {"value": forms.TextInput()}

    def clean_value(self):
        try:
            return label_validate(self.instance.kind, self.cleaned_data["value"])
        except LabelError as exc:
            raise forms.ValidationError(str(exc)) from None


class AlertRuleForm(WagtailAdminModelForm):
    """The rule's fields; `AlertRule.clean` refuses a webhook target the outbound guard would
    refuse (not http(s), or a private/loopback/link-local address), shown on the target field."""

    class Meta:
        model = AlertRule
        fields = [
            "name",
            "kind",
            "watchlist",
            "topic",
            "frequency",
            "channel",
            "target",
            "webhook_format",
            "chat_id",
            "sensitivity",
            "throttle_minutes",
            "is_active",
        ]
