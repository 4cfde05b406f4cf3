"""Background jobs of monitoring (routed to the `fetch` queue). Each takes ids, calls a service."""

from celery import shared_task

from . import services
from .pipeline.runner import items_resume


# No result row: beat runs this every 10 s (monitoring/schedules.py) and the polls it makes are
# recorded as PollRuns; 8,640 result rows a day would only add writes to the database.
@shared_task(acks_late=True, ignore_result=True)
def sources_poll_due_task(limit: int | None = None) -> list[int]:
    """Poll every due source once (the beat schedule runs this every 10 seconds)."""
    return [run.pk for run in services.sources_poll_due(limit=limit)]


@shared_task(acks_late=True)
def source_poll_task(source_id: int) -> int | None:
    run = services.source_poll(source_id=source_id)
    return run.pk if run else None


@shared_task(acks_late=True)
def url_submit_task(url: str, source_id: int | None = None) -> int:
    return services.url_submit(url=url, source_id=source_id).pk


@shared_task(acks_late=True)
def items_resume_task() -> int:
    return items_resume()
