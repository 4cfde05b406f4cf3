"""The "Tác vụ nền" admin list (live progress), its JSON status, retry and file downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, Table, UserColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .selectors import jobs_visible

# How many of the newest jobs the list shows.
JOB_LIST_SIZE = 50


class JobTable(Table):
    """Rows carry the job id and whether it is finished, for the progress poller (jobs.js)."""

    classname = "listing lantoa-jobs"

    def __init__(self, *args, highlight: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.highlight = highlight

    def get_row_attrs(self, instance):
        attrs = {"data-job": instance.pk, "data-finished": "1" if instance.is_finished else "0"}
        if str(instance.pk) == self.highlight:
            attrs["class"] = "lantoa-job--highlight"
        return attrs


class JobStateColumn(Column):
    cell_template_name = "core/jobs/state_cell.html"


class JobProgressColumn(Column):
    cell_template_name = "core/jobs/progress_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["message"] = instance.messages[-1]["text"] if instance.messages else ""
        return context


class JobResultColumn(Column):
    """The files to download, or the failure's reason and a "Chạy lại" button."""

    cell_template_name = "core/jobs/result_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["job"] = instance
        # A Wagtail table renders its cells with the table's own context, not the page's.
        context["csrf_token"] = get_token(parent_context["request"])
        return context


JOB_COLUMNS = [
    Column("label", label=_("Tác vụ"), accessor=str),
    UserColumn("created_by", label=_("Người yêu cầu"), blank_display_name="—"),
    DateColumn("created_at", label=_("Tạo lúc")),
    JobStateColumn("state", label=_("Trạng thái"), accessor="get_state_display"),
    JobProgressColumn("progress", label=_("Tiến độ")),
    JobResultColumn("result", label=_("Kết quả"), accessor="pk"),
]


class JobListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/jobs/index.html"
    header_icon = "cogs"
    page_title = _("Tác vụ nền")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jobs = list(jobs_visible(self.request.user)[:JOB_LIST_SIZE])
        context["table"] = JobTable(
            JOB_COLUMNS,
            jobs,
            highlight=self.request.GET.get("highlight", ""),
            attrs={"data-status-url": reverse("core_job_status")},
            caption=_("Tác vụ nền"),
        )
        return context


def job_status(request):
    """JSON for the progress bars: {"jobs": [{id, state, state_label, progress, …}]}."""
    ids = [int(part) for part in request.GET.get("ids", "").split(",") if part.isdigit()]
    jobs = jobs_visible(request.user).filter(pk__in=ids)
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
                        {"name": f.name, "url": reverse("core_job_file", args=[job.pk, f.pk])}
                        for f in job.files.all()
                    ],
                }
                for job in jobs
            ]
        }
    )


def job_list_url(job) -> str:
    """The job list with `job` highlighted: where a view sends the person who started it."""
    return reverse("core_jobs") + f"?highlight={job.pk}"


@require_POST
def job_retry(request, job_id: int):
    job = get_object_or_404(jobs_visible(request.user), pk=job_id)
    try:
        services.job_retry(job=job, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(job_list_url(job))


def job_file(request, job_id: int, file_id: int):
    job = get_object_or_404(jobs_visible(request.user), pk=job_id)
    row = job.files.filter(pk=file_id).first()
    if row is None or not row.file:
        raise Http404
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name)
