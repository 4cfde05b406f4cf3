"""Admin views: the KPI dashboard ("Số liệu") and starting its jobs (annual report, export).

The job list itself is core's (lantoa.core.jobs.views); the old addresses redirect there.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import RedirectView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lantoa.core.jobs.views import job_list_url
from lantoa.core.roles import is_unit_scoped
from lantoa.plans.services import annual_report_start as plans_annual_report_start

from .. import selectors, services
from ..changes import figures_changes, previous_period
from ..charts import chart_spec
from .forms import AnnualReportForm, PeriodUnitForm


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
        previous_start, previous_end = previous_period(data["start"], data["end"])
        previous = selectors.kpi_figures(
            start=previous_start, end=previous_end, unit=unit, plan=plan
        )
        changes = figures_changes(figures, previous)
        for figure in figures:
            figure.extra["change"] = changes[figure.spec.key]
        charts = [chart for chart in map(chart_spec, figures) if chart]
        context.update(
            form=form,
            figures=figures,
            charts=charts,
            unit=unit,
            plan=plan,
            start=data["start"],
            end=data["end"],
            previous_start=previous_start,
            previous_end=previous_end,
            report_form=AnnualReportForm(
                initial={
                    "year": data["start"].year,
                    "unit": unit.pk if unit else None,
                    "plan": plan.pk if plan else None,
                }
            ),
        )
        return context


@require_POST
def annual_report_start(request):
    form = AnnualReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thông tin lập báo cáo chưa hợp lệ."))
        return redirect("reports_dashboard")
    unit = _scoped_unit(request.user, form.cleaned_data["unit"])
    job = plans_annual_report_start(
        year=form.cleaned_data["year"], plan=form.cleaned_data["plan"], unit=unit, user=request.user
    )
    messages.success(request, _("Đã bắt đầu lập báo cáo năm."))
    return redirect(job_list_url(job))


@require_POST
def kpi_export_start(request):
    form = PeriodUnitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kỳ số liệu chưa hợp lệ."))
        return redirect("reports_dashboard")
    unit = _scoped_unit(request.user, form.cleaned_data["unit"])
    job = services.kpi_export_start(
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
        unit=unit,
        plan=form.cleaned_data.get("plan"),
        user=request.user,
    )
    return redirect(job_list_url(job))


class OldJobAddressView(RedirectView):
    """/admin/reports/jobs/… from before jobs moved to core: bookmarks and old links still work."""

    permanent = True

    def get_redirect_url(self, *args, rest: str = "", **kwargs):
        query = self.request.META.get("QUERY_STRING", "")
        return reverse("core_jobs") + rest + (f"?{query}" if query else "")
