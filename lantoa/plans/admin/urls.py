from django.urls import path

from . import imports, views

urlpatterns = [
    path("my-unit/", views.MyUnitView.as_view(), name="my_unit"),
    path("import/", imports.PlanImportView.as_view(), name="plan_import"),
    path("plan/<int:pk>/outline/", views.PlanOutlineView.as_view(), name="plan_outline"),
    path("report/", views.ReportSubmitView.as_view(), name="report_submit"),
    path("report/<int:pk>/review/", views.ReportReviewView.as_view(), name="report_review"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path("annual-report/", views.AnnualReportView.as_view(), name="annual_report"),
    path("reminder/", views.ReminderView.as_view(), name="reminder"),
    path("tasks.xlsx", views.tasks_xlsx, name="tasks_xlsx"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
]
