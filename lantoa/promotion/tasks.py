"""Celery tasks of the promotion app."""

from celery import shared_task

from .selectors import pages_scheduled_due


@shared_task(name="lantoa.promotion.tasks.publish_scheduled_pages")
def publish_scheduled_pages() -> int:
    """Publish pages whose go-live time has come and unpublish expired ones, with Wagtail's own
    `publish_scheduled` command (run every minute by Celery beat; see scheduler_ensure).

    Returns how many scheduled revisions were due when the job started.
    """
    from django.core.management import call_command

    due = pages_scheduled_due().count()
    call_command("publish_scheduled", verbosity=0)
    return due
