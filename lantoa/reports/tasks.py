"""Celery tasks of the "reports" queue (routed by module name in settings)."""

from celery import shared_task


@shared_task(name="lantoa.reports.tasks.job_run_task")
def job_run_task(job_id: int) -> str:
    from .services import job_run

    return job_run(job_id=job_id).state
