"""Celery tasks of the promotion app."""

from celery import shared_task

from .services import library_rights_warn, pages_publish_scheduled


@shared_task(name="lantoa.promotion.tasks.pages_publish_scheduled_task")
def pages_publish_scheduled_task() -> int:
    """Every minute (Celery beat; promotion/schedules.py): publish the pages whose go-live time has
    come. Returns how many scheduled revisions were due."""
    return pages_publish_scheduled()


@shared_task(name="lantoa.promotion.tasks.library_rights_weekly_task")
def library_rights_weekly_task() -> int:
    """Every Monday morning: the list of library items whose rights end within 30 days while a
    live page uses them, e-mailed to the editors. Returns how many items are listed."""
    return library_rights_warn()
