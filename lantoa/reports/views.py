"""Admin views: the KPI dashboard ("Số liệu"), the job list with live progress, downloads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lantoa.core.roles import is_unit_scoped

from . import selectors, services
from .constants import KPI_EXPORT
from .forms import AnnualReportForm, PeriodUnitForm
from .jobs import kind_label


def _scoped_unit(user, unit):
    """A unit-scoped user always sees their own unit's figures."""
    if is_unit_scoped(user):
        if user.unit is None:
            raise PermissionDenied
        return user.unit
    return unit


class _AdminPage(WagtailAdminTemplateMixin, TemplateView):
    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class KpiDashboardView(_AdminPage):
    template_name = "reports/dashboard.html"
    page_title = _("Số liệu")
    header_icon = "table"

    def get_page_title(self):
        return _("Số liệu công tác thông tin đối ngoại")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeriodUnitForm(self.request.GET or None)
        if not (form.is_bound and form.is_valid()):
            form = PeriodUnitForm({}) if not form.is_bound else form
            fallback = PeriodUnitForm({})
            fallback.is_valid()
            data = fallback.cleaned_data
        else:
            data = form.cleaned_data
        unit = _scoped_unit(self.request.user, data.get("unit"))
        plan = data.get("plan")
        figures = selectors.kpi_figures(start=data["start"], end=data["end"], unit=unit, plan=plan)
        charts = [
            {
                "id": f"chart-{figure.spec.key}",
                "type": figure.spec.chart,
                "title": figure.spec.title,
                "labels": [str(count.label) for count in figure.counts],
                "values": [count.value for count in figure.counts],
            }
            for figure in figures
            if figure.has_data and figure.spec.chart != "none"
        ]
        context.update(
            form=form,
            figures=figures,
            charts=charts,
            unit=unit,
            plan=plan,
            start=data["start"],
            end=data["end"],
            report_form=AnnualReportForm(
                initial={
                    "year": data["start"].year,
                    "unit": unit.pk if unit else None,
                    "plan": plan.pk if plan else None,
                }
            ),
        )
        return context


class JobListView(_AdminPage):
    template_name = "reports/jobs.html"
    header_icon = "cogs"

    def get_page_title(self):
        return _("Tác vụ nền")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jobs = list(selectors.jobs_visible(self.request.user)[:50])
        for job in jobs:
            job.label = kind_label(job.kind)
        context.update(jobs=jobs, highlight=self.request.GET.get("highlight", ""))
        return context


def job_status(request):
    """JSON for the progress bars: {"jobs": [{id, state, state_label, progress, …}]}."""
    ids = [int(part) for part in request.GET.get("ids", "").split(",") if part.isdigit()]
    jobs = selectors.jobs_visible(request.user).filter(pk__in=ids)
    return JsonResponse(
        {
            "jobs": [
                {
                    "id": job.pk,
                    "state": job.state,
                    "state_label": job.get_state_display(),
                    "progress": job.progress,
                    "message": job.messages[-1]["text"] if job.messages else "",
                    "error": job.error,
                    "finished": job.is_finished,
                    "files": [
                        {"name": f.name, "url": reverse("reports_job_file", args=[job.pk, f.pk])}
                        for f in job.files.all()
                    ],
                }
                for job in jobs
            ]
        }
    )


@require_POST
def job_retry(request, job_id: int):
    job = get_object_or_404(selectors.jobs_visible(request.user), pk=job_id)
    try:
        services.job_retry(job=job, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("reports_jobs") + f"?highlight={job.pk}")


def job_file(request, job_id: int, file_id: int):
    job = get_object_or_404(selectors.jobs_visible(request.user), pk=job_id)
    row = job.files.filter(pk=file_id).first()
    if row is None or not row.file:
        raise Http404
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name)


@require_POST
def annual_report_start(request):
    form = AnnualReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thông tin lập báo cáo chưa hợp lệ."))
        return redirect("reports_dashboard")
    unit = _scoped_unit(request.user, form.cleaned_data["unit"])
    job = services.annual_report_start(
        year=form.cleaned_data["year"], plan=form.cleaned_data["plan"], unit=unit, user=request.user
    )
    messages.success(request, _("Đã bắt đầu lập báo cáo năm."))
    return redirect(reverse("reports_jobs") + f"?highlight={job.pk}")


@require_POST
def kpi_export_start(request):
    form = PeriodUnitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kỳ số liệu chưa hợp lệ."))
        return redirect("reports_dashboard")
    unit = _scoped_unit(request.user, form.cleaned_data["unit"])
    job = services.job_start(
        kind=KPI_EXPORT,
        params={
            "start": form.cleaned_data["start"].isoformat(),
            "end": form.cleaned_data["end"].isoformat(),
            "unit": unit.pk if unit else None,
            "plan": plan.pk if (plan := form.cleaned_data.get("plan")) else None,
        },
        user=request.user,
    )
    return redirect(reverse("reports_jobs") + f"?highlight={job.pk}")
