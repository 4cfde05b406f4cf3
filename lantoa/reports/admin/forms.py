"""Dashboard filters and the form that starts the annual report."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantoa.core.models import Unit
from lantoa.plans.models import Plan


def _plan_field():
    return forms.ModelChoiceField(
        label=_("Kế hoạch"),
        queryset=Plan.objects.select_related("directive").order_by("directive__code"),
        required=False,
        empty_label=_("Mọi kế hoạch"),
    )


def _year_choices():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, this_year - 6, -1)]


class PeriodUnitForm(forms.Form):
    start = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        empty_label=_("Toàn phường"),
    )
    plan = _plan_field()

    def clean(self):
        data = super().clean()
        this_year = timezone.localdate().year
        data["start"] = data.get("start") or date(this_year, 1, 1)
        data["end"] = data.get("end") or date(this_year, 12, 31)
        if data["end"] < data["start"]:
            raise forms.ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class AnnualReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int, choices=_year_choices)
    plan = _plan_field()
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        empty_label=_("Toàn phường"),
    )
