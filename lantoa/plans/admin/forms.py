"""Forms of the plans admin screens; they validate, the services decide."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantoa.core.models import Unit
from lantoa.core.roles import OUTSIDE_UNIT_MESSAGE
from lantoa.core.uploads import EVIDENCE, PLAN_SOURCE, PolicyFileField

from ..constants import DeadlineKind, ProposalKind, TaskState
from ..models import Directive, Plan, Task, TaskPeriod
from ..selectors import tasks_of_unit


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(PolicyFileField):
    """Several files, each checked against the field's upload policy."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ImportUploadForm(forms.Form):
    file = PolicyFileField(label=_("Tệp kế hoạch (.docx, .pdf hoặc .txt)"), policy=PLAN_SOURCE)


class ImportReviewForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung đã trích xuất (có thể sửa rồi phân tích lại)"),
        widget=forms.Textarea(attrs={"rows": 18}),
    )
    filename = forms.CharField(widget=forms.HiddenInput, required=False)
    create_tasks = forms.BooleanField(
        label=_("Tạo nhiệm vụ từ phần Tổ chức thực hiện (khi không chọn từng nhiệm vụ)"),
        required=False,
        initial=True,
    )
    start_date = forms.DateField(label=_("Ngày bắt đầu thực hiện"), required=False)
    due_date = forms.DateField(label=_("Hạn hoàn thành (nhiệm vụ có thời hạn)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("create_tasks"):
            today = timezone.localdate()
            data["start_date"] = data.get("start_date") or today
            data["due_date"] = data.get("due_date") or date(today.year, 12, 31)
        return data


class ReportSubmitForm(forms.Form):
    task = forms.ModelChoiceField(label=_("Nhiệm vụ"), queryset=Task.objects.none())
    period = forms.ModelChoiceField(
        label=_("Kỳ báo cáo"),
        queryset=TaskPeriod.objects.none(),
        required=False,
        help_text=_("Để trống: kỳ hiện tại của nhiệm vụ."),
    )
    narrative = forms.CharField(
        label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 6})
    )
    sessions_held = forms.IntegerField(label=_("Số buổi, hội nghị"), min_value=0, initial=0)
    attendees = forms.IntegerField(label=_("Số lượt người tham dự"), min_value=0, initial=0)
    articles_published = forms.IntegerField(label=_("Số tin, bài đăng tải"), min_value=0, initial=0)
    other_figures = forms.CharField(label=_("Số liệu khác"), required=False)
    reports_completion = forms.BooleanField(
        label=_("Nhiệm vụ (hoặc kỳ này) đã hoàn thành"), required=False
    )
    evidence = MultipleFileField(label=_("Tệp minh chứng"), required=False, policy=EVIDENCE)

    def __init__(self, *args, unit: Unit | None, **kwargs):
        super().__init__(*args, **kwargs)
        tasks = (
            tasks_of_unit(unit).exclude(state__in=[TaskState.COMPLETED, TaskState.CANCELLED])
            if unit
            else Task.objects.none()
        )
        self.fields["task"].queryset = tasks
        self.fields["period"].queryset = TaskPeriod.objects.filter(task__in=tasks)
        for name in ("task", "period"):
            self.fields[name].error_messages["invalid_choice"] = OUTSIDE_UNIT_MESSAGE

    def clean(self):
        data = super().clean()
        task, period = data.get("task"), data.get("period")
        if task is not None and period is not None and period.task_id != task.pk:
            self.add_error("period", _("Kỳ báo cáo này không thuộc nhiệm vụ đã chọn."))
        return data


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Ý kiến (bắt buộc khi trả lại)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnnualReportForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Kế hoạch"), queryset=Plan.objects.all())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)


class CoverageForm(forms.Form):
    directive = forms.ModelChoiceField(label=_("Văn bản"), queryset=Directive.objects.all())


class ReminderForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.filter(is_active=True))


class ProposalForm(forms.Form):
    """One proposed task on the import review: accept or reject it, and pick its units (registry
    units, or the units the plan names that the registry lacks, created on save)."""

    accept = forms.BooleanField(label=_("Tạo nhiệm vụ"), required=False)
    kind = forms.ChoiceField(label=_("Tạo thành"), choices=ProposalKind.choices)
    title = forms.CharField(label=_("Tên nhiệm vụ"), max_length=255, required=False)
    lead = forms.ChoiceField(label=_("Chủ trì"), required=False)
    coordinating = forms.MultipleChoiceField(
        label=_("Phối hợp"), required=False, widget=forms.SelectMultiple(attrs={"size": 3})
    )
    deadline_kind = forms.ChoiceField(label=_("Loại thời hạn"), choices=DeadlineKind.choices)
    due_date = forms.DateField(label=_("Hạn"), required=False)

    def __init__(self, *args, proposal, units, **kwargs):
        initial = {
            "accept": proposal.lead is not None,
            "kind": proposal.kind,
            "title": proposal.title,
            "lead": _choice(proposal.lead),
            "coordinating": [_choice(m) for m in proposal.coordinating],
            "deadline_kind": proposal.deadline_kind,
            "due_date": proposal.due_date,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.proposal = proposal
        new = [
            (_choice(m), _("Tạo đơn vị mới: %(name)s") % {"name": m.text})
            for m in [proposal.lead, *proposal.coordinating]
            if m is not None and m.code is None
        ]
        choices = [(unit.code, unit.name) for unit in units] + list(dict.fromkeys(new))
        self.fields["lead"].choices = [("", "—"), *choices]
        self.fields["coordinating"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("accept") and not data.get("lead"):
            self.add_error("lead", _("Cần chọn đơn vị chủ trì cho nhiệm vụ được tạo."))
        return data


def _choice(mention) -> str:
    from ..services import NEW_UNIT

    if mention is None:
        return ""
    return mention.code or f"{NEW_UNIT}{mention.text}"


def proposal_forms(parsed, data=None) -> list[ProposalForm]:
    units = list(Unit.objects.filter(is_active=True).order_by("sort_order", "name"))
    return [
        ProposalForm(data, proposal=proposal, units=units, prefix=f"task-{index}")
        for index, proposal in enumerate(parsed.proposals)
    ]
