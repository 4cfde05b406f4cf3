"""States of a background job."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    SUCCEEDED = "succeeded", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


FINISHED_STATES = (JobState.SUCCEEDED, JobState.FAILED)

# The Celery task that runs a job (its module is routed to the "reports" queue in settings).
JOB_RUN_TASK = "lantoa.core.jobs.tasks.job_run_task"
