from celery import shared_task
from django.core.management import call_command

from .retention import retention_run


@shared_task(name="lantoa.core.security.tasks.backup_nightly_task")
def backup_nightly_task(keep: int = 14) -> None:
    """The nightly backup for deployments scheduling with Celery beat instead of cron."""
    call_command("backup", keep=keep)


@shared_task(name="lantoa.core.security.tasks.retention_nightly_task", acks_late=True)
def retention_nightly_task() -> dict[str, int]:
    """Remove data older than the retention periods (idempotent: a rerun finds less)."""
    return dict(retention_run().totals)
