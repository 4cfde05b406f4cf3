"""The worker's side of a job: claim it, run its handler with a progress callback, store its files
or its failure. Kept apart from `services` (which queues jobs, so imports the task) so that the
task can import this module without an import cycle."""

import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import JobOutput, kinds
from .constants import JobState
from .models import Job, JobFile

logger = logging.getLogger(__name__)


class JobProgress:
    """The `Progress` callback of a running job: `progress(percent, message=None)`.

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
