"""Admin URLs of the reports app (mounted under /admin/reports/ by wagtail_hooks)."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.KpiDashboardView.as_view(), name="reports_dashboard"),
    path("annual-report/", views.annual_report_start, name="reports_annual_report_start"),
    path("export/", views.kpi_export_start, name="reports_kpi_export_start"),
    # The job list moved to /admin/jobs/ (lantoa.core.jobs).
    re_path(r"^jobs/(?P<rest>.*)$", views.OldJobAddressView.as_view()),
]
