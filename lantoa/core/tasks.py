"""Background jobs of the core app, and sending work to the queue."""

import logging
from collections.abc import Callable

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError

from .jobs.tasks import job_run_task  # noqa: F401  (the worker finds tasks in <app>.tasks)
from .text import fold

logger = logging.getLogger(__name__)

# Why a piece of work recorded in the database never reached a worker.
QUEUE_DOWN = "Không gửi được vào hàng đợi: máy chủ hàng đợi (Redis) không phản hồi."


@shared_task
def text_fold_task(text: str) -> str:
    """Fold Vietnamese text in a worker: the smallest real job, used to prove the broker path."""
    return fold(text)


def task_send_on_commit(task, *args, on_refused: Callable[[], None]) -> None:
    """Send `task(*args)` once the current transaction commits. If the broker cannot be reached,
    `on_refused()` records that on the work's own row (so it shows, and can be sent again),
    instead of an exception in the commit hook that would also stop the hooks after it."""

    def send() -> None:
        try:
            task.delay(*args)
        except OperationalError:
            logger.exception("%s%r could not be queued", task.name, args)
            on_refused()

    transaction.on_commit(send)


@shared_task(name="lantoa.core.tasks.orphan_files_report_task")
def orphan_files_report_task() -> dict:
    """Find files under MEDIA_ROOT that no record names and log them (nothing is removed)."""
    from .files import orphan_files_find

    report = orphan_files_find()
    if report.paths:
        logger.warning(
            "%d orphan files (%d bytes) under MEDIA_ROOT, e.g. %s; remove them with "
            "`manage.py orphan_files --delete`",
            len(report.paths),
            report.bytes,
            ", ".join(report.paths[:10]),
        )
    return {"files": len(report.paths), "bytes": report.bytes, "paths": report.paths[:100]}
