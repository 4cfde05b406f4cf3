import pytest
from celery import current_app
from celery.signals import worker_process_init

from lantoa.insights import tasks


@pytest.mark.parametrize(
    ("queues", "warmed"),
    [
        (["default", "fetch", "analyse", "reports"], True),
        (["analyse"], True),
        (["fetch"], True),
        (["reports", "default"], False),
    ],
)
def test_a_worker_process_that_analyses_loads_the_models_as_it_starts(monkeypatch, queues, warmed):
    calls = []
    monkeypatch.setattr(tasks, "warm_up", lambda: calls.append("warm_up"))
    # What `celery worker --queues=...` selects before the pool starts its processes.
    monkeypatch.setattr(
        current_app.amqp.queues, "_consume_from", {name: object() for name in queues}
    )
    worker_process_init.send(sender="worker@test")
    assert calls == (["warm_up"] if warmed else [])
