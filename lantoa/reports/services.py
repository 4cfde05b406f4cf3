"""Writes for background jobs: start, run with progress, fail with a reason, retry."""

import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lantoa.core.audit import audit
from lantoa.core.tasks import QUEUE_DOWN, task_send_on_commit

from .constants import ANNUAL_REPORT, JobState
from .jobs import JobOutput, kinds
from .models import Job, JobFile

logger = logging.getLogger(__name__)


# Shown on a job that never reached the queue; the job list's "Chạy lại" sends it again.
BROKER_DOWN = f"{QUEUE_DOWN} Hãy chạy lại khi hệ thống đã hoạt động trở lại."


def _enqueue(job: Job) -> None:
    """Hand the job to the "reports" queue once the transaction commits; if the broker cannot be
    reached the job fails with that reason rather than waiting for a message never sent."""
    from .tasks import job_run_task

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
    audit(job, "reports.job_start", user=user, data={"kind": kind})
    _enqueue(job)
    return job


def annual_report_start(*, year: int, plan=None, unit=None, user=None) -> Job:
    """Queue the annual report (DOCX, XLSX annex, PDF where possible) for a year, one plan or
    every plan (`plan` None), the ward or one unit. The dashboard and the plans menu start it."""
    params = {"year": year, "plan": plan.directive.code if plan else "", "unit": unit and unit.pk}
    return job_start(kind=ANNUAL_REPORT, params=params, user=user)


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
    audit(job, "reports.job_retry", user=user)
    _enqueue(job)
    return job


class JobProgress:
    """The callback handed to a long service: `progress(percent, message=None)`.

    Each call is its own small UPDATE, committed at once, so the admin sees it while the job runs.
    Progress never goes backwards.
    """

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.percent = 0

    def __call__(self, percent: int, message: str | None = None) -> None:
        self.percent = max(self.percent, min(100, max(0, int(percent))))
        job = Job.objects.only("messages").get(pk=self.job_id)
        messages = job.messages
        if message:
            messages = [*messages, {"at": timezone.now().isoformat(), "text": message}]
        Job.objects.filter(pk=self.job_id).update(progress=self.percent, messages=messages)


def _store_outputs(job: Job, outputs: list[JobOutput]) -> None:
    for output in outputs:
        content = (
            output.content.read_bytes() if isinstance(output.content, Path) else output.content
        )
        row = JobFile(job=job, name=output.name)
        row.file.save(output.name, ContentFile(content), save=True)


def job_run(*, job_id: int) -> Job:
    """Run a queued job (called by the worker). Idempotent: a job already claimed is left alone.

    Not atomic on purpose: progress updates must be visible while the handler works.
    """
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    job = Job.objects.get(pk=job_id)
    if not claimed:
        return job
    progress = JobProgress(job.pk)
    try:
        kind = kinds().get(job.kind)
        if kind is None:
            raise ValidationError(f"Không có loại tác vụ «{job.kind}».")
        outputs = kind.handler(job, progress)
        with transaction.atomic():
            _store_outputs(job, outputs or [])
    except Exception as exc:  # every failure must end visible on the job, with its reason
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        Job.objects.filter(pk=job.pk).update(
            state=JobState.FAILED,
            error=reason or exc.__class__.__name__,
            finished_at=timezone.now(),
        )
    else:
        progress(100, "Hoàn thành")
        Job.objects.filter(pk=job.pk).update(state=JobState.SUCCEEDED, finished_at=timezone.now())
    job.refresh_from_db()
    return job
