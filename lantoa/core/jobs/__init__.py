"""Jobs: long background work with a progress bar shown to a person (reports, re-extraction,
imports, retraining). The machinery lives here in core so that any app can run a job without
knowing the others.

An app declares a kind in its own `<app>/jobs.py` (found automatically, in the order of
settings.LANTOA_APPS):

    from lantoa.core.jobs import JobOutput, Progress, job_kind

    @job_kind("monitoring.reextract", label="Trích xuất lại tin")
    def reextract(job, progress: Progress) -> list[JobOutput]:
        ids = job.params["source_ids"]
        for done, source_id in enumerate(ids, 1):
            ...  # call the app's own service
            progress(100 * done // len(ids), f"Nguồn {source_id}: xong")
        return [JobOutput("ket-qua.csv", csv_bytes)]     # or [] when there is no file

and starts it with `lantoa.core.jobs.services.job_start(kind="monitoring.reextract",
params={"source_ids": [...]}, user=request.user)`. Params must be JSON; the handler runs in the
"reports" Celery queue. Raising an exception marks the job failed with the exception's message as
its reason; the admin can retry it.

Modules: `constants` (states), `models` (Job, JobFile), `services` (start, retry), `runner` (what
the worker runs), `tasks`, `selectors`, `views` and `urls` (the "Tác vụ nền" list in the admin).
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from lantoa.core.registry import app_modules


class Progress(Protocol):
    """The progress callback handed to long work: `progress(percent, message=None)`."""

    def __call__(self, percent: int, message: str | None = None) -> None: ...


@dataclass(frozen=True)
class JobOutput:
    """A file a job handler produced: its name and its bytes (or a path to read them from)."""

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
    """Register the decorated function as the handler of jobs of kind `key`."""

    def decorator(func: JobHandler) -> JobHandler:
        _KINDS[key] = JobKind(key=key, label=label, handler=func)
        return func

    return decorator


def kinds() -> dict[str, JobKind]:
    """Every registered kind, after importing each app's `jobs` module."""
    app_modules("jobs")
    return _KINDS


def kind_label(key: str) -> str:
    kind = kinds().get(key)
    return kind.label if kind else key


def noop_progress(percent: int, message: str | None = None) -> None:
    """For callers of long services that do not run inside a job."""
