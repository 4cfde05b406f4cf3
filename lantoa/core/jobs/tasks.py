"""The Celery task that runs a job, in the "reports" queue (routed by module name in settings)."""

from celery import shared_task

from .constants import JOB_RUN_TASK
from .runner import job_run


@shared_task(name=JOB_RUN_TASK)
def job_run_task(job_id: int) -> str:
    return job_run(job_id=job_id).state
