"""Alert deliveries go through the outbound guard: a private target is refused when the rule is
saved and again at delivery (through redirects too), failures are retried with backoff and the
final one is recorded on the alert, never the target's answer."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lantoa.core.security.models import SecurityEvent, SecurityEventKind
from lantoa.monitoring import fetcher

from ..constants import AlertKind, Channel, WebhookFormat
from ..models import Alert, AlertRule
from ..tasks import DELIVERY_RETRIES, alert_deliver_task, delivery_backoff
from .conftest import WebhookServer
from .factories import AlertRuleFactory

pytestmark = pytest.mark.django_db

REFUSED = "Địa chỉ đích nằm trong mạng nội bộ"


def _alert(target: str, **rule_fields) -> Alert:
    # The factory skips the model's validation, as a rule saved before the guard existed would.
    rule = AlertRuleFactory(channel=Channel.WEBHOOK, target=target, **rule_fields)
    return Alert.objects.create(
        rule=rule,
        kind=AlertKind.MATCH,
        title="Tin mới về Quy Nhơn",
        body="Nội dung",
        dedup_key=f"k{rule.pk}",
        payload={"title": "Tin mới về Quy Nhơn", "items": [{"link": "https://example.org/1"}]},
    )


@pytest.fixture(autouse=True)
def _inline_retries():
    """Run retries inline as a worker would run them later (Celery re-runs an eager task on
    `retry` only when eager exceptions do not propagate; the wait is skipped)."""
    from lantoa.celery import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


@pytest.fixture
def private_refused(settings):
    settings.LANTOA_FETCH_ALLOW_PRIVATE = False


@pytest.fixture
def public_stand_in(monkeypatch):
    """A second server on 127.0.0.2 that the guard treats as a public host (the test machine
    has no other), while 127.0.0.1 stays private."""
    allowed = fetcher.address_allowed
    monkeypatch.setattr(fetcher, "address_allowed", lambda a: a == "127.0.0.2" or allowed(a))
    server = WebhookServer("127.0.0.2")
    yield server
    server.close()


def _security_events() -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(kind=SecurityEventKind.OUTBOUND_REFUSED))


def test_a_private_target_receives_nothing_and_the_refusal_is_recorded_once(
    webhook, private_refused
):
    alert = _alert(webhook.url)
    assert alert_deliver_task.delay(alert.pk).get() is False
    alert.refresh_from_db()
    assert webhook.received == []
    assert alert.delivered_at is None
    assert alert.delivery_error == f"{REFUSED}: 127.0.0.1 bị từ chối"
    # One attempt, one security event: a refused target is never retried.
    (event,) = _security_events()
    assert event.target == webhook.url.removesuffix("/hook")  # the host, never the path


@pytest.mark.parametrize("status", [307, 303])
def test_a_redirect_from_an_allowed_server_to_a_private_one_is_not_followed(
    webhook, private_refused, public_stand_in, status
):
    public_stand_in.replies = [(status, {"Location": webhook.url}, b"")]
    alert = _alert(public_stand_in.url)
    alert_deliver_task.delay(alert.pk)
    alert.refresh_from_db()
    assert [r["method"] for r in public_stand_in.received] == ["POST"]
    assert public_stand_in.received[0]["body"]["title"] == "Tin mới về Quy Nhơn"
    assert webhook.received == []
    assert alert.delivered_at is None and alert.delivery_error.startswith(REFUSED)


def test_a_redirect_between_allowed_hosts_keeps_the_post(webhook, public_stand_in):
    """307 repeats the POST with its body at the new address (here the allowed 127.0.0.1)."""
    public_stand_in.replies = [(307, {"Location": webhook.url}, b"")]
    alert = _alert(public_stand_in.url, webhook_format=WebhookFormat.TELEGRAM, chat_id="42")
    alert_deliver_task.delay(alert.pk)
    alert.refresh_from_db()
    assert [r["method"] for r in webhook.received] == ["POST"]
    assert webhook.received[0]["body"]["chat_id"] == "42"
    assert alert.delivered_at is not None and alert.delivery_error == ""


def test_a_failing_webhook_is_retried_then_the_last_failure_is_recorded_without_its_answer(
    webhook,
):
    webhook.replies = [(500, {}, b"Traceback: secret internal detail")] * 10
    alert = _alert(webhook.url)
    assert alert_deliver_task.delay(alert.pk).get() is False
    alert.refresh_from_db()
    assert len(webhook.received) == 1 + DELIVERY_RETRIES
    assert alert.delivered_at is None
    assert alert.delivery_error.startswith(f"Đã thử gửi {1 + DELIVERY_RETRIES} lần")
    assert "HTTP 500" in alert.delivery_error
    assert "secret" not in alert.delivery_error


def test_a_webhook_that_recovers_gets_the_alert_once(webhook):
    webhook.replies = [(503, {}, b"busy"), (502, {}, b"bad gateway")]
    alert = _alert(webhook.url)
    assert alert_deliver_task.delay(alert.pk).get() is True
    alert.refresh_from_db()
    assert len(webhook.received) == 3
    assert alert.delivered_at is not None and alert.delivery_error == ""
    alert_deliver_task.delay(alert.pk)  # delivered already: not sent again
    assert len(webhook.received) == 3


def test_retries_wait_longer_each_time():
    waits = [delivery_backoff(n) for n in range(DELIVERY_RETRIES)]
    assert waits == sorted(set(waits)) and waits[0] >= 30


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.0.0.5/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "ftp://example.org/hook",
        "",
    ],
)
def test_a_rule_with_a_private_or_non_http_target_cannot_be_saved(private_refused, target):
    rule = AlertRule(name="Quy tắc", kind=AlertKind.MATCH, channel=Channel.WEBHOOK, target=target)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert list(error.value.message_dict) == ["target"]


def test_a_rule_with_a_public_target_or_not_a_webhook_can_be_saved(private_refused):
    AlertRule(
        name="Telegram",
        kind=AlertKind.MATCH,
        channel=Channel.WEBHOOK,
        target="https://203.162.4.190/bot123/sendMessage",
    ).full_clean()
    AlertRule(name="Thư", kind=AlertKind.MATCH, channel=Channel.EMAIL, target="a@b.vn").full_clean()


def test_the_admin_form_refuses_a_private_target_with_a_vietnamese_message(
    admin_client, private_refused
):
    form = {
        "name": "Báo về nhóm trực",
        "kind": AlertKind.MATCH,
        "frequency": "immediate",
        "channel": Channel.WEBHOOK,
        "target": "http://127.0.0.1:9/hook",
        "webhook_format": WebhookFormat.JSON,
        "sensitivity": "3",
        "throttle_minutes": "60",
        "is_active": "on",
    }
    response = admin_client.post(reverse("insights_alertrule:add"), form)
    assert response.status_code == 200
    assert f"{REFUSED}: 127.0.0.1 bị từ chối" in response.content.decode()
    assert not AlertRule.objects.exists()
    form["target"] = "https://203.162.4.190/hook"
    response = admin_client.post(reverse("insights_alertrule:add"), form)
    assert response.status_code == 302
    assert AlertRule.objects.get().target == "https://203.162.4.190/hook"


def test_services_queue_only_tasks_that_exist():
    """Services name the task they queue (enqueue.py); a typo would fail only at run time."""
    import ast
    from pathlib import Path

    from .. import tasks

    root = Path(tasks.__file__).parent
    names = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "enqueue_on_commit":
                names.append(node.args[0].value)
    assert set(names) == {"alert_deliver_task", "classifier_train_task"}
    assert all(callable(getattr(tasks, name, None)) for name in names)


def test_insights_services_do_not_import_the_tasks():
    """Tasks call services; services queue tasks by name (no services ↔ tasks cycle, not even
    through an import inside a function: grimp reads those too)."""
    import grimp

    graph = grimp.build_graph("lantoa")
    services = {"lantoa.insights.services"} | graph.find_descendants("lantoa.insights.services")
    chains = [
        graph.find_shortest_chain(importer=module, imported="lantoa.insights.tasks")
        for module in services
    ]
    assert [chain for chain in chains if chain] == []
