"""Celery tasks of the "reports" queue (routed by module name in settings)."""

from celery import shared_task

from lantoa.core.jobs.runner import job_run


@shared_task(name="lantoa.reports.tasks.job_run_task")
def job_run_task(job_id: int) -> str:
    """The name jobs were queued under before they moved to lantoa.core.jobs: a message sent
    before an upgrade still runs its job."""
    return job_run(job_id=job_id).state
