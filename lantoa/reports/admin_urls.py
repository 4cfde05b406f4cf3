"""Admin URLs of the reports app (mounted under /admin/reports/ by wagtail_hooks)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.KpiDashboardView.as_view(), name="reports_dashboard"),
    path("jobs/", views.JobListView.as_view(), name="reports_jobs"),
    path("jobs/status.json", views.job_status, name="reports_job_status"),
    path("jobs/<int:job_id>/retry/", views.job_retry, name="reports_job_retry"),
    path("jobs/<int:job_id>/files/<int:file_id>/", views.job_file, name="reports_job_file"),
    path("annual-report/", views.annual_report_start, name="reports_annual_report_start"),
    path("export/", views.kpi_export_start, name="reports_kpi_export_start"),
]
