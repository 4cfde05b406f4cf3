"""The job-kind registry: any app can run long work as a `Job` with a progress bar.

An app declares a kind in its own `<app>/jobs.py` (found automatically):

    from lantoa.reports.jobs import JobOutput, job_kind

    @job_kind("monitoring.reextract", label="Trích xuất lại tin")
    def reextract(job, progress):
        ids = job.params["source_ids"]
        for done, source_id in enumerate(ids, 1):
            ...  # call the app's own service
            progress(100 * done // len(ids), f"Nguồn {source_id}: xong")
        return [JobOutput("ket-qua.csv", csv_bytes)]     # or [] when there is no file

and starts it with `lantoa.reports.services.job_start(kind="monitoring.reextract",
params={"source_ids": [...]}, user=request.user)`. Params must be JSON; the handler runs in the
"reports" Celery queue. Raising an exception marks the job failed with the exception's message as
its reason; the admin can retry it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from lantoa.core.registry import app_modules


class Progress(Protocol):
    def __call__(self, percent: int, message: str | None = None) -> None: ...


@dataclass(frozen=True)
class JobOutput:
    name: str
    content: bytes | Path


JobHandler = Callable[[Any, Progress], list[JobOutput]]


@dataclass(frozen=True)
class JobKind:
    key: str
    label: str
    handler: JobHandler


_KINDS: dict[str, JobKind] = {}


def job_kind(key: str, *, label: str) -> Callable[[JobHandler], JobHandler]:
    def decorator(func: JobHandler) -> JobHandler:
        _KINDS[key] = JobKind(key=key, label=label, handler=func)
        return func

    return decorator


def kinds() -> dict[str, JobKind]:
    app_modules("jobs")
    return _KINDS


def kind_label(key: str) -> str:
    kind = kinds().get(key)
    return kind.label if kind else key


def noop_progress(percent: int, message: str | None = None) -> None:
    """For callers of long services that do not run inside a job."""


# This app's own kinds (annual report, KPI export) register on import.
from . import report_jobs  # noqa: E402, F401
