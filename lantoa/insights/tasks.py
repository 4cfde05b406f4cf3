"""Celery tasks (analyse queue): take ids, call one service; retries live here.

Services never import this module (it imports them): they queue work by task name through
`enqueue.enqueue_on_commit`.
"""

import logging

from celery import current_app, shared_task
from celery.signals import worker_process_init
from django.conf import settings

from .bulletin import bulletins_send
from .constants import Frequency
from .ml import warm_up
from .models import TrainingJob
from .services import (
    alert_deliver,
    alert_digests_send,
    alerts_send_waiting,
    classifier_train,
    items_analyse,
    source_health_alerts,
    spikes_detect,
)
from .services.delivery import DeliveryFailed, DeliveryRefused, alert_delivery_give_up
from .services.learning import TrainingError
from .services.raising import links_warm_up

logger = logging.getLogger(__name__)

# The queue these tasks are routed to (settings.CELERY_TASK_ROUTES).
ANALYSE_QUEUE = settings.CELERY_TASK_ROUTES[f"{__name__}.*"]["queue"]
FETCH_QUEUE = settings.CELERY_TASK_ROUTES["lantoa.monitoring.tasks.*"]["queue"]
DELIVERY_RETRIES = 3
DELIVERY_BACKOFF_SECONDS = 60


def delivery_backoff(retries: int) -> int:
    """Seconds before retry number `retries + 1`: 1, 2, then 4 minutes (a webhook that is down
    for a moment gets the alert late rather than never)."""
    return DELIVERY_BACKOFF_SECONDS * 2**retries


@worker_process_init.connect
def _warm_up_analysers(**kwargs: object) -> None:
    """A worker process that analyses items loads every model as it starts (solo pool: once;
    prefork: in each child), so its first batch is not the slow one: one on the analyse queue,
    and one on the fetch queue (a poll analyses the items it stored, after its commit). A
    worker on other queues only (reports) does not pay their ~50 MB."""
    if {ANALYSE_QUEUE, FETCH_QUEUE} & set(current_app.amqp.queues.consume_from):
        worker_warm_up()


def worker_warm_up() -> None:
    """What a worker that analyses loads as it starts: the URL tree its alerts' links are
    reversed in, then every model (`ml.warm_up`, whose gc.freeze then covers both)."""
    links_warm_up()
    warm_up()


@shared_task
def items_analyse_task(item_ids: list[int]) -> int:
    return len(items_analyse(item_ids=item_ids))


@shared_task(bind=True, max_retries=DELIVERY_RETRIES)
def alert_deliver_task(self, alert_id: int) -> bool:
    """Deliver one alert. A failure is retried with backoff; a target the outbound guard refused
    is not (it never will succeed); after the last retry the alert keeps the final reason."""
    try:
        alert_deliver(alert_id=alert_id)
    except DeliveryRefused:
        return False  # the reason is on the alert, and a security event was recorded
    except DeliveryFailed as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=delivery_backoff(self.request.retries)) from exc
        logger.error(
            "alert %s not delivered after %s attempts: %s", alert_id, self.request.retries + 1, exc
        )
        alert_delivery_give_up(alert_id=alert_id, attempts=self.request.retries + 1, error=str(exc))
        return False
    return True


@shared_task
def classifier_train_task(job_id: int) -> int | None:
    job = TrainingJob.objects.get(pk=job_id)
    try:
        return classifier_train(task=job.task, user=job.requested_by, job=job).pk
    except TrainingError:
        return None  # the job row carries the message for the progress page


@shared_task
def spikes_detect_task() -> int:
    return len(spikes_detect())


@shared_task
def source_health_task() -> int:
    return len(source_health_alerts())


@shared_task
def alerts_waiting_task() -> int:
    return len(alerts_send_waiting())


@shared_task
def digests_hourly_task() -> int:
    return len(alert_digests_send(frequency=Frequency.HOURLY))


@shared_task
def digests_daily_task() -> int:
    return len(alert_digests_send(frequency=Frequency.DAILY))


@shared_task
def bulletin_send_task() -> int:
    return bulletins_send()


@shared_task
def classifier_retrain_all_task() -> list[int]:
    """The weekly scheduled retraining: one job per task with enough labels."""
    created = []
    for task in ("tone", "topic"):
        job = TrainingJob.objects.create(task=task)
        try:
            created.append(classifier_train(task=task, job=job).pk)
        except TrainingError:
            continue
    return created
