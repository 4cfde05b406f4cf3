"""Celery tasks (analyse queue): take ids, call one service."""

from celery import shared_task

from .constants import Frequency


@shared_task
def items_analyse_task(item_ids: list[int]) -> int:
    from .services import items_analyse

    return len(items_analyse(item_ids=item_ids))


@shared_task(bind=True, max_retries=3, default_retry_delay=60)
def alert_deliver_task(self, alert_id: int) -> None:
    from .services import alert_deliver

    alert_deliver(alert_id=alert_id)


@shared_task
def classifier_train_task(job_id: int) -> int | None:
    from .models import TrainingJob
    from .services import classifier_train
    from .services.learning import TrainingError

    job = TrainingJob.objects.get(pk=job_id)
    try:
        return classifier_train(task=job.task, user=job.requested_by, job=job).pk
    except TrainingError:
        return None  # the job row carries the message for the progress page


@shared_task
def spikes_detect_task() -> int:
    from .services import spikes_detect

    return len(spikes_detect())


@shared_task
def digests_hourly_task() -> int:
    from .services import alert_digests_send

    return len(alert_digests_send(frequency=Frequency.HOURLY))


@shared_task
def digests_daily_task() -> int:
    from .services import alert_digests_send

    return len(alert_digests_send(frequency=Frequency.DAILY))


@shared_task
def bulletin_send_task() -> int:
    from .bulletin import bulletins_send

    return bulletins_send()
