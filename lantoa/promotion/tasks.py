"""Celery tasks of the promotion app."""

from celery import shared_task

from .services import pages_publish_scheduled


@shared_task(name="lantoa.promotion.tasks.pages_publish_scheduled_task")
def pages_publish_scheduled_task() -> int:
    """Every minute (Celery beat; promotion/schedules.py): publish the pages whose go-live time has
    come. Returns how many scheduled revisions were due."""
    return pages_publish_scheduled()
