"""Sending insights work to the queue once the transaction commits, by task name.

Tasks call services; a service that imported `tasks.py` to queue work would close an import
cycle (services ↔ tasks). So services name the task here, and the broker (or, inline, the task
registered by `InsightsConfig.ready`) runs it. A test checks every name against `tasks.py`.
"""

from collections.abc import Callable

from celery import current_app

from lantoa.core.tasks import task_send_on_commit

TASKS_MODULE = "lantoa.insights.tasks"


def enqueue_on_commit(task_name: str, *args, on_refused: Callable[[], None]) -> None:
    """Queue `tasks.<task_name>(*args)` after the commit; `on_refused` records a broker that is
    down on the work's own row (see `core.tasks.task_send_on_commit`)."""
    signature = current_app.signature(f"{TASKS_MODULE}.{task_name}")
    task_send_on_commit(signature, *args, on_refused=on_refused)
