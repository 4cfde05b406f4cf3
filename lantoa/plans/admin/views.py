"""Custom admin screens where no Wagtail component fits: import review, report submission and
review, the unit's own view, dissemination coverage, and document downloads."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lantoa.core.constants import Role
from lantoa.core.roles import user_has_role

from ..constants import ReportState
from ..importer import PlanImportError, parse_plan
from ..models import Notification, Plan, ProgressReport, ReportEvidence
from ..selectors import (
    can_review,
    dissemination_coverage,
    reports_visible_to,
    tasks_of_unit,
    tasks_with_buckets,
)
from ..services import (
    directory_from_units,
    plan_import,
    plan_parse_file,
    plan_tasks_create,
    progress_report_review,
    progress_report_submit,
)
from .forms import (
    AnnualReportForm,
    CoverageForm,
    ImportReviewForm,
    ImportUploadForm,
    ReminderForm,
    ReportSubmitForm,
    ReviewForm,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require_leader(user) -> None:
    if not (user_has_role(user, Role.LEADER) or user_has_role(user, Role.MONITOR)):
        raise PermissionDenied


class AdminPage(WagtailAdminTemplateMixin):
    """A plans admin screen: the page title closes the breadcrumb trail."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class PlansPage(AdminPage, TemplateView):
    header_icon = "tasks"


class PlanImportView(AdminPage, FormView):
    """Upload → review the extracted structure (and correct the text) → save."""

    template_name = "plans/admin/import.html"
    page_title = gettext_lazy("Nhập kế hoạch từ tệp")
    header_icon = "doc-full"
    form_class = ImportUploadForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("plans.add_plan"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "text" in request.POST:
            return self._review(request)
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        try:
            text, parsed = plan_parse_file(data=upload.read(), filename=upload.name)
        except PlanImportError as exc:
            form.add_error("file", str(exc))
            return self.render_to_response(self.get_context_data(form=form))
        review = ImportReviewForm(initial={"text": text, "filename": upload.name})
        return self.render_to_response(self.get_context_data(review=review, parsed=parsed))

    def _review(self, request):
        review = ImportReviewForm(request.POST)
        if not review.is_valid():
            return self.render_to_response(self.get_context_data(review=review))
        data = review.cleaned_data
        parsed = parse_plan(data["text"], directory_from_units())
        if "save" not in request.POST:
            return self.render_to_response(self.get_context_data(review=review, parsed=parsed))
        try:
            plan = plan_import(
                parsed=parsed,
                source_text=data["text"],
                source_filename=data["filename"],
                user=request.user,
            )
            tasks = []
            if data["create_tasks"]:
                tasks = plan_tasks_create(
                    plan=plan,
                    start_date=data["start_date"],
                    due_date=data["due_date"],
                    user=request.user,
                )
        except (PlanImportError, ValidationError) as exc:
            review.add_error(None, exc.messages[0] if hasattr(exc, "messages") else str(exc))
            return self.render_to_response(self.get_context_data(review=review, parsed=parsed))
        messages.success(
            request,
            _("Đã nhập kế hoạch %(code)s và tạo %(n)s nhiệm vụ.")
            % {"code": plan.code, "n": len(tasks)},
        )
        return redirect("plans_admin:plan_outline", plan.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parsed = kwargs.get("parsed")
        if parsed is not None:
            from lantoa.core.models import Unit

            names = dict(Unit.objects.values_list("code", "name"))
            context["assignments"] = [
                {
                    "spec": spec,
                    "lead": names.get(spec.lead_unit or "", ""),
                    "coordinating": [names.get(code, code) for code in spec.coordinating_units],
                }
                for spec in parsed.assignments
            ]
            context["chain"] = [ref.code for ref in parsed.directives] + [parsed.header.code]
        return context


class PlanOutlineView(PlansPage):
    template_name = "plans/admin/outline.html"
    page_title = gettext_lazy("Cấu trúc kế hoạch")

    def get_context_data(self, **kwargs):
        from ..selectors import plan_outline

        context = super().get_context_data(**kwargs)
        plan = get_object_or_404(Plan.objects.select_related("directive"), pk=kwargs["pk"])
        context.update(
            plan=plan,
            chain=plan.directive.chain(),
            outline=plan_outline(plan),
            assignments=plan.assignments.select_related("section", "lead_unit").prefetch_related(
                "coordinating_units"
            ),
            tasks=tasks_with_buckets(plan.tasks.select_related("lead_unit")),
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
        context["tasks"] = tasks.order_by("open_due", "pk")
        context["reports"] = ProgressReport.objects.filter(unit=unit).select_related(
            "task", "period"
        )[:20]
        context["to_review"] = ProgressReport.objects.filter(
            task__lead_unit=unit, state=ReportState.SUBMITTED
        ).select_related("task", "unit")
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
        messages.success(
            self.request, _("Đã chấp nhận báo cáo.") if accept else _("Đã trả lại báo cáo.")
        )
        return redirect("plans_admin:my_unit")


class CoverageView(AdminPage, FormView):
    template_name = "plans/admin/coverage.html"
    page_title = gettext_lazy("Tình hình quán triệt, tuyên truyền")
    header_icon = "group"
    form_class = CoverageForm

    def get(self, request, *args, **kwargs):
        form = CoverageForm(request.GET or None)
        context = self.get_context_data(form=form)
        if form.is_valid():
            rows = dissemination_coverage(form.cleaned_data["directive"])
            context.update(
                directive=form.cleaned_data["directive"],
                rows=rows,
                missing=[row for row in rows if not row.covered],
            )
        return self.render_to_response(context)


class AnnualReportView(AdminPage, FormView):
    """Start the annual report job, the same as the dashboard's: the DOCX, its XLSX annex of figures
    (and a PDF where LibreOffice is installed), built in the background with its progress shown."""

    template_name = "plans/admin/simple_form.html"
    page_title = gettext_lazy("Báo cáo kết quả thực hiện kế hoạch (DOCX)")
    header_icon = "download"
    form_class = AnnualReportForm

    def dispatch(self, request, *args, **kwargs):
        _require_leader(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"year": timezone.localdate().year, "plan": Plan.objects.first()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(submit_label=_("Lập báo cáo"), **kwargs)

    def form_valid(self, form):
        from lantoa.reports.services import annual_report_start

        job = annual_report_start(
            year=form.cleaned_data["year"], plan=form.cleaned_data["plan"], user=self.request.user
        )
        messages.success(
            self.request, _("Đã bắt đầu lập báo cáo năm; tệp tải về hiện ở đây khi hoàn thành.")
        )
        return redirect(reverse("reports_jobs") + f"?highlight={job.pk}")


class ReminderView(AdminPage, FormView):
    template_name = "plans/admin/simple_form.html"
    page_title = gettext_lazy("Công văn đôn đốc")
    header_icon = "mail"
    form_class = ReminderForm

    def dispatch(self, request, *args, **kwargs):
        _require_leader(request.user)
        return super().dispatch(request, *args, **kwargs)

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
    from ..selectors import tasks_visible_to

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
