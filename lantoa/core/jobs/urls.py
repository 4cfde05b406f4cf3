"""Admin URLs of the job list (mounted under /admin/jobs/ by core's wagtail_hooks)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.JobListView.as_view(), name="core_jobs"),
    path("status.json", views.job_status, name="core_job_status"),
    path("<int:job_id>/retry/", views.job_retry, name="core_job_retry"),
    path("<int:job_id>/files/<int:file_id>/", views.job_file, name="core_job_file"),
]
