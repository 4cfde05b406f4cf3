"""Delivering alerts on their rule's channel (e-mail, or a webhook: JSON, Telegram, Zalo).

A webhook is POSTed through the monitoring fetcher's guard (`fetcher.post_json`), like every
outbound request of the product: a private, loopback or link-local target is refused before a
socket is opened, and so is a redirect towards one. A failed delivery raises, after writing the
reason on the alert (never the target's answer): `DeliveryRefused` when the guard refused the
target (retrying cannot help), `DeliveryFailed` otherwise (`alert_deliver_task` retries it with
backoff, then records the final failure with `alert_delivery_give_up`).
"""

import json
import logging
import smtplib
from urllib.parse import urlsplit

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.core.office_setup import SetupOutcome
from lantoa.core.security.events import security_event_record
from lantoa.core.security.models import SecurityEventKind
from lantoa.monitoring.constants import FetchOutcome
from lantoa.monitoring.fetcher import make_client, post_json

from ..constants import Channel, WebhookFormat
from ..models import Alert, AlertRule
from ..webhooks import email_text, webhook_body, webhook_target_error

logger = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    """The alert was not delivered; the message (Vietnamese) is stored on the alert."""


class DeliveryRefused(DeliveryFailed):
    """The outbound guard refused the target: it will never succeed, so it is not retried."""


def _shown(url: str) -> str:
    """The target without its path and query (a Telegram URL carries the bot's token)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "?"


def _record(alert_id: int, *, error: str) -> None:
    Alert.objects.filter(pk=alert_id).update(
        delivered_at=None if error else timezone.now(), delivery_error=error
    )


def _send_webhook(alert: Alert) -> None:
    rule = alert.rule
    body = json.dumps(webhook_body(alert, rule), ensure_ascii=False).encode()
    with make_client() as client:
        result = post_json(client, rule.target.strip(), body=body)
    if result.outcome == FetchOutcome.BLOCKED_ADDRESS:
        security_event_record(
            kind=SecurityEventKind.OUTBOUND_REFUSED,
            message=result.error,
            target=_shown(rule.target),
        )
        raise DeliveryRefused(result.error)
    if not result.ok:
        # The outcome and its short reason ("HTTP 500", a timeout), never the answer's body.
        raise DeliveryFailed(f"{FetchOutcome(result.outcome).label}: {result.error}")


def alert_deliver(*, alert_id: int) -> Alert:
    """Send the alert on its rule's channel and record the time; on failure record the reason
    on the alert and raise (`DeliveryRefused` or `DeliveryFailed`). An alert already delivered
    is not sent again.

    Not one transaction: the network call must not hold one open, and the reason of a failure
    must stay stored when the exception leaves."""
    alert = Alert.objects.select_related("rule").get(pk=alert_id)
    if alert.delivered_at:
        return alert
    rule = alert.rule
    try:
        if rule.channel == Channel.EMAIL:
            recipients = [a.strip() for a in rule.target.split(",") if a.strip()]
            try:
                send_mail(alert.title, email_text(alert), None, recipients)
            except (OSError, smtplib.SMTPException) as exc:
                raise DeliveryFailed(_("Không gửi được thư: %(error)s") % {"error": exc}) from exc
        elif rule.channel == Channel.WEBHOOK:
            _send_webhook(alert)
    except DeliveryFailed as exc:
        logger.warning("alert %s delivery failed: %s", alert.pk, exc)
        _record(alert.pk, error=str(exc))
        raise
    _record(alert.pk, error="")
    alert.refresh_from_db()
    return alert


@transaction.atomic
def alert_delivery_give_up(*, alert_id: int, attempts: int, error: str) -> None:
    """The last retry failed too: the alert keeps the reason and how many times it was tried
    (it stays in the in-app inbox all the same)."""
    Alert.objects.filter(pk=alert_id, delivered_at__isnull=True).update(
        delivery_error=_("Đã thử gửi %(n)d lần, không thành công. Lần cuối: %(error)s")
        % {"n": attempts, "error": error}
    )


def webhook_test_send(*, url: str, webhook_format: str = WebhookFormat.JSON, chat_id: str = ""):
    """POST one test message to a webhook target, through the same guard as a real alert, and
    say plainly what happened (the first-run setup page). Saves nothing."""
    if error := webhook_target_error(url):
        raise ValueError(error)
    url = url.strip()
    rule = AlertRule(
        name="test", kind="match", target=url, webhook_format=webhook_format, chat_id=chat_id
    )
    test_alert = Alert(
        pk=0,
        rule=rule,
        title=_("Lantoa: tin nhắn thử"),
        body=_("Tin này xác nhận Lantoa gửi được cảnh báo tới địa chỉ webhook này."),
        payload={"title": _("Lantoa: tin nhắn thử"), "test": True, "items": []},
        created_at=timezone.now(),
    )
    body = json.dumps(webhook_body(test_alert, rule), ensure_ascii=False).encode()
    with make_client() as client:
        result = post_json(client, url, body=body)
    if result.outcome == FetchOutcome.BLOCKED_ADDRESS:
        security_event_record(
            kind=SecurityEventKind.OUTBOUND_REFUSED, message=result.error, target=_shown(url)
        )
    if not result.ok:
        raise ValueError(
            _("Không gửi được tới %(target)s: %(outcome)s – %(error)s")
            % {
                "target": _shown(url),
                "outcome": FetchOutcome(result.outcome).label,
                "error": result.error,
            }
        )
    return SetupOutcome(
        _("Đã gửi tin thử tới %(target)s; nơi nhận trả lời HTTP %(status)s.")
        % {"target": _shown(url), "status": result.status}
    )
