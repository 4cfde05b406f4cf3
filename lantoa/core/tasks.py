"""Background jobs of the core app."""

from celery import shared_task

from .text import fold


@shared_task
def text_fold(text: str) -> str:
    """Fold Vietnamese text in a worker: the smallest real job, used to prove the broker path."""
    return fold(text)
