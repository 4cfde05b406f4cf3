from celery import shared_task
from django.core.management import call_command


@shared_task(name="lantoa.core.security.tasks.backup_nightly")
def backup_nightly(keep: int = 14) -> None:
    """The nightly backup for deployments scheduling with Celery beat instead of cron."""
    call_command("backup", keep=keep)
