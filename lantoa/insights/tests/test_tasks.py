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
    monkeypatch.setattr(tasks, "links_warm_up", lambda: calls.append("links"))
    monkeypatch.setattr(tasks, "warm_up", lambda: calls.append("warm_up"))
    # What `celery worker --queues=...` selects before the pool starts its processes.
    monkeypatch.setattr(
        current_app.amqp.queues, "_consume_from", {name: object() for name in queues}
    )
    worker_process_init.send(sender="worker@test")
    # The URL tree first: the models' warm-up ends with gc.freeze, which then covers it too.
    assert calls == (["links", "warm_up"] if warmed else [])


def test_the_url_tree_of_alert_links_is_built_before_the_first_alert():
    from django.urls import clear_url_caches, get_resolver
    from django.utils.translation import get_language

    from lantoa.insights.services.raising import links_warm_up

    clear_url_caches()
    assert get_language() not in get_resolver()._reverse_dict
    links_warm_up()
    assert get_language() in get_resolver()._reverse_dict
