"""Admin forms of the responses app."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lantoa.core.constants import Role
from lantoa.core.fields import WebURLFormField
from lantoa.core.models import User
from lantoa.core.uploads import DOCUMENT, PolicyFileField
from lantoa.monitoring.models import Item

from ..constants import (
    CLAIM_RECOMMENDED_LENGTH,
    EDITABLE_STATES,
    ChannelKind,
    EvidenceKind,
    Verdict,
)


class CaseForm(WagtailAdminModelForm):
    """The case's own fields; the state and the verdict change only through the action buttons."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "responsible_user" in self.fields:
            self.fields["responsible_user"].queryset = User.objects.filter(
                groups__name=Role.RAPID_RESPONSE.value, is_active=True
            ).distinct()
        if "items" in self.fields:
            wanted = [int(pk) for pk in self.initial.get("items", []) or [] if str(pk).isdigit()]
            recent = timezone.now() - timedelta(days=30)
            queryset = Item.objects.filter(fetched_at__gte=recent) | Item.objects.filter(
                pk__in=wanted
            )
            if self.instance.pk:
                queryset = queryset | Item.objects.filter(cases=self.instance)
            self.fields["items"].queryset = queryset.distinct().select_related("source")
            self.fields["items"].widget = forms.CheckboxSelectMultiple()
            self.fields["items"].widget.choices = self.fields["items"].choices
        if "claim" in self.fields:
            self.fields["claim"].help_text = _(
                "Một dòng, nên không quá %(n)d ký tự (dài hơn vẫn lưu được nhưng sẽ được nhắc)."
            ) % {"n": CLAIM_RECOMMENDED_LENGTH}

    def clean(self):
        cleaned = super().clean()
        case = self.instance
        if case.pk and case.state not in EDITABLE_STATES:
            locked = {"claim"} & set(self.changed_data)
            changed_sets = [
                name
                for name in ("appearances", "evidence")
                if name in self.formsets and self.formsets[name].has_changed()
            ]
            if locked or changed_sets:
                raise forms.ValidationError(
                    _(
                        "Bản làm rõ đã trình duyệt hoặc công bố: không sửa nội dung thông tin, "
                        "nơi xuất hiện hay bằng chứng được nữa. Hãy tạm dừng và đính chính."
                    )
                )
        return cleaned


class ActionForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    verdict = forms.CharField(required=False, widget=forms.HiddenInput)


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Kết luận"), choices=Verdict.choices)
    note = forms.CharField(label=_("Ghi chú"), required=False)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=EvidenceKind.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    source = forms.CharField(
        label=_("Nguồn"), max_length=255, help_text=_("Cơ quan, đơn vị hoặc trang cung cấp.")
    )
    date = forms.DateField(label=_("Ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    url = WebURLFormField(label=_("Đường dẫn"), required=False, max_length=2000)
    file = PolicyFileField(label=_("Tệp tài liệu"), required=False, policy=DOCUMENT)
    excerpt = forms.CharField(
        label=_("Trích dẫn"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_public = forms.BooleanField(
        label=_("Công khai trên trang làm rõ"), required=False, initial=True
    )


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ChannelKind.choices)
    date = forms.DateField(label=_("Ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    url = WebURLFormField(label=_("Đường dẫn"), required=False, max_length=2000)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)
