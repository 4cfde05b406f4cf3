"""Writes for background jobs: start one, retry a failed one. The worker's side is `runner`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lantoa.core.audit import audit
from lantoa.core.tasks import QUEUE_DOWN, task_send_on_commit

from . import kinds
from .constants import JobState
from .models import Job
from .tasks import job_run_task

# Shown on a job that never reached the queue; the job list's "Chạy lại" sends it again.
BROKER_DOWN = f"{QUEUE_DOWN} Hãy chạy lại khi hệ thống đã hoạt động trở lại."


def _enqueue(job: Job) -> None:
    """Hand the job to the "reports" queue once the transaction commits; if the broker cannot be
    reached the job fails with that reason rather than waiting for a message never sent."""

    def refused() -> None:
        Job.objects.filter(pk=job.pk, state=JobState.QUEUED).update(
            state=JobState.FAILED, error=BROKER_DOWN, finished_at=timezone.now()
        )

    task_send_on_commit(job_run_task, job.pk, on_refused=refused)


@transaction.atomic
def job_start(*, kind: str, params: dict | None = None, user=None) -> Job:
    """Record a job and hand it to the "reports" queue once the transaction commits."""
    if kind not in kinds():
        raise ValidationError(f"Không có loại tác vụ «{kind}».")
    job = Job.objects.create(kind=kind, params=params or {}, created_by=user)
    audit(job, "core.job_start", user=user, data={"kind": kind})
    _enqueue(job)
    return job


@transaction.atomic
def job_retry(*, job: Job, user=None) -> Job:
    """Queue a failed job again with the same parameters."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.state != JobState.FAILED:
        raise ValidationError("Chỉ chạy lại được tác vụ bị lỗi.")
    job.state = JobState.QUEUED
    job.progress = 0
    job.error = ""
    job.messages = [*job.messages, {"at": timezone.now().isoformat(), "text": "Chạy lại"}]
    job.started_at = job.finished_at = None
    job.save()
    job.files.all().delete()
    audit(job, "core.job_retry", user=user)
    _enqueue(job)
    return job
