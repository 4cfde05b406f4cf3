"""Custom admin screens where no Wagtail component fits: import review, report submission and
review, the unit's own view, dissemination coverage, and document downloads."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from lantoa.core.jobs.views import job_list_url
from lantoa.core.roles import is_unit_scoped

from ..constants import ReportState
from ..models import Notification, Plan, ProgressReport, ReportEvidence
from ..selectors import (
    can_review,
    dissemination_coverage,
    may_accept,
    plan_outline,
    reports_visible_to,
    tasks_of_unit,
    tasks_visible_to,
    tasks_with_buckets,
)
from ..services import (
    annual_report_start,
    progress_report_review,
    progress_report_submit,
)
from .base import DOCX, AdminPage, LeaderOnlyMixin, PlansPage
from .forms import (
    AnnualReportForm,
    CoverageForm,
    ReminderForm,
    ReportSubmitForm,
    ReviewForm,
)
from .tables import (
    assignments_table,
    coverage_table,
    plan_tasks_table,
    reports_to_review_table,
    sent_reports_table,
    unit_tasks_table,
)


class PlanOutlineView(PlansPage):
    """A plan's text, its assignments, and its tasks: a unit reporter sees the whole plan (it is
    the ward's document) but only the tasks their unit leads or coordinates."""

    template_name = "plans/admin/outline.html"
    page_title = gettext_lazy("Cấu trúc kế hoạch")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = get_object_or_404(Plan.objects.select_related("directive"), pk=kwargs["pk"])
        tasks = tasks_visible_to(self.request.user).filter(plan=plan)
        context.update(
            plan=plan,
            chain=plan.directive.chain(),
            outline=plan_outline(plan),
            assignments_table=assignments_table(
                plan.assignments.select_related("section", "lead_unit").prefetch_related(
                    "coordinating_units"
                )
            ),
            tasks_table=plan_tasks_table(
                tasks_with_buckets(tasks.select_related("lead_unit")).order_by("pk")
            ),
            scoped=is_unit_scoped(self.request.user),
        )
        return context


class MyUnitView(PlansPage):
    """A unit's own page: its tasks, what is due, what it has reported, its reminders."""

    template_name = "plans/admin/my_unit.html"
    page_title = gettext_lazy("Nhiệm vụ của đơn vị tôi")
    header_icon = "user"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.request.user.unit
        context["unit"] = unit
        if unit is None:
            return context
        tasks = tasks_with_buckets(tasks_of_unit(unit).select_related("lead_unit"))
        context["tasks_table"] = unit_tasks_table(tasks.order_by("open_due", "pk"), unit)
        context["reports_table"] = sent_reports_table(
            ProgressReport.objects.filter(unit=unit).select_related("task", "period")[:20]
        )
        context["to_review_table"] = reports_to_review_table(
            ProgressReport.objects.filter(
                task__lead_unit=unit, state=ReportState.SUBMITTED
            ).select_related("task", "unit")
        )
        context["notifications"] = Notification.objects.filter(unit=unit)[:20]
        return context


class ReportSubmitView(AdminPage, FormView):
    template_name = "plans/admin/report_submit.html"
    page_title = gettext_lazy("Gửi báo cáo tiến độ")
    header_icon = "upload"
    form_class = ReportSubmitForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["unit"] = self.request.user.unit
        return kwargs

    def get_initial(self):
        return {"task": self.request.GET.get("task")}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            report = progress_report_submit(
                task=data["task"],
                unit=self.request.user.unit,
                user=self.request.user,
                narrative=data["narrative"],
                period=data.get("period"),
                sessions_held=data["sessions_held"],
                attendees=data["attendees"],
                articles_published=data["articles_published"],
                other_figures=data.get("other_figures", ""),
                reports_completion=data["reports_completion"],
                files=[(f.name, f.read()) for f in data["evidence"]],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
            return self.form_invalid(form)
        messages.success(self.request, _("Đã gửi báo cáo về nhiệm vụ “%s”.") % report.task)
        return redirect("plans_admin:my_unit")


class ReportReviewView(AdminPage, FormView):
    template_name = "plans/admin/report_review.html"
    page_title = gettext_lazy("Xem xét báo cáo tiến độ")
    header_icon = "doc-full-inverse"
    form_class = ReviewForm

    def dispatch(self, request, *args, **kwargs):
        self.report = get_object_or_404(
            reports_visible_to(request.user).select_related("task", "unit", "period"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        context["can_review"] = (
            can_review(self.request.user, self.report)
            and self.report.state == ReportState.SUBMITTED
        )
        # The submitter may return their own report but never accept it (separation of duties).
        context["can_accept"] = context["can_review"] and may_accept(self.request.user, self.report)
        return context

    def form_valid(self, form):
        accept = "accept" in self.request.POST
        try:
            progress_report_review(
                report=self.report,
                user=self.request.user,
                accept=accept,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error("note", exc.messages[0])
            return self.form_invalid(form)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Đã chấp nhận báo cáo.") if accept else _("Đã trả lại báo cáo.")
        )
        return redirect("plans_admin:my_unit")


class CoverageView(AdminPage, FormView):
    """Which organisations have disseminated a directive; a unit reporter sees their own row."""

    template_name = "plans/admin/coverage.html"
    page_title = gettext_lazy("Tình hình quán triệt, tuyên truyền")
    header_icon = "group"
    form_class = CoverageForm

    def get(self, request, *args, **kwargs):
        form = CoverageForm(request.GET or None)
        context = self.get_context_data(form=form)
        if form.is_valid():
            rows = dissemination_coverage(form.cleaned_data["directive"])
            if is_unit_scoped(request.user):
                rows = [row for row in rows if row.unit.pk == request.user.unit_id]
            context.update(
                directive=form.cleaned_data["directive"],
                coverage_table=coverage_table(rows),
                missing=[row for row in rows if not row.covered],
            )
        return self.render_to_response(context)


class AnnualReportView(LeaderOnlyMixin, AdminPage, FormView):
    """Start the annual report job, the same as the dashboard's: the DOCX, its XLSX annex of figures
    (and a PDF where LibreOffice is installed), built in the background with its progress shown."""

    template_name = "plans/admin/simple_form.html"
    page_title = gettext_lazy("Báo cáo kết quả thực hiện kế hoạch (DOCX)")
    header_icon = "download"
    form_class = AnnualReportForm

    def get_initial(self):
        return {"year": timezone.localdate().year, "plan": Plan.objects.first()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(submit_label=_("Lập báo cáo"), **kwargs)

    def form_valid(self, form):
        job = annual_report_start(
            year=form.cleaned_data["year"], plan=form.cleaned_data["plan"], user=self.request.user
        )
        messages.success(
            self.request, _("Đã bắt đầu lập báo cáo năm; tệp tải về hiện ở đây khi hoàn thành.")
        )
        return redirect(job_list_url(job))


class ReminderView(LeaderOnlyMixin, AdminPage, FormView):
    template_name = "plans/admin/simple_form.html"
    page_title = gettext_lazy("Công văn đôn đốc")
    header_icon = "mail"
    form_class = ReminderForm

    def form_valid(self, form):
        from ..documents import reminder_letter_build

        unit = form.cleaned_data["unit"]
        name = f"cong-van-don-doc-{unit.code}.docx"
        with tempfile.TemporaryDirectory() as folder:  # nothing left behind in /tmp
            out = Path(folder) / name
            reminder_letter_build(
                unit=unit, as_of=timezone.localdate(), out_path=out, user=self.request.user
            )
            data = out.read_bytes()
        response = HttpResponse(data, content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def tasks_xlsx(request):
    """Every task the user may see, with its status bucket, as XLSX."""
    from ..exports import tasks_workbook

    content = tasks_workbook(tasks_visible_to(request.user), as_of=timezone.localdate())
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="nhiem-vu.xlsx"'
    return response


def evidence_file(request, pk: int):
    """A progress report's evidence file, for whoever may see that report (a unit reporter only
    their unit's): evidence is never served from MEDIA_URL, which has no permission check."""
    evidence = get_object_or_404(
        ReportEvidence.objects.filter(report__in=reports_visible_to(request.user)), pk=pk
    )
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=str(evidence))
