"""What an alert webhook is sent: the body in the rule's format (JSON, Telegram, Zalo), and the
check of the target URL when a rule is saved. Sending itself is `services.delivery`."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from lantoa.monitoring.fetcher import address_refusal

from .constants import WebhookFormat

if TYPE_CHECKING:
    from .models import Alert, AlertRule


def webhook_target_error(url: str) -> str:
    """Why `url` cannot be a webhook target ("" if it can): missing, not http(s), or pointing at
    a private, loopback or link-local address (the server would be made to POST inside the
    office's network). Checked again at every delivery."""
    url = (url or "").strip()
    if not url:
        return _("Kênh webhook cần URL nơi nhận.")
    if not url.startswith(("http://", "https://")):
        return _("URL webhook phải bắt đầu bằng http:// hoặc https://")
    return address_refusal(url)


def _drill_down(alert: "Alert") -> str:
    """A spike's explanation with one link per entry (to the items it counted), if any."""
    explained = alert.payload.get("explanation_text")
    return f"\n\n{_('Vì sao tăng (bấm để xem các tin):')}\n{explained}" if explained else ""


def email_text(alert: "Alert") -> str:
    """An alert's e-mail: its body, a spike's drill-down links, then a link per item."""
    links = "\n".join(i["link"] for i in alert.payload.get("items", []))
    return f"{alert.body}{_drill_down(alert)}\n\n{links}"


def webhook_body(alert: "Alert", rule: "AlertRule") -> dict:
    """The JSON posted to a webhook in the rule's format (JSON: the payload, a spike's
    `explanation` included)."""
    text = f"{alert.title}\n{alert.body}".strip() + _drill_down(alert)
    links = "\n".join(i["link"] for i in alert.payload.get("items", [])[:5])
    if rule.webhook_format == WebhookFormat.TELEGRAM:
        return {
            "chat_id": rule.chat_id,
            "text": f"{text}\n{links}"[:4096],
            "disable_web_page_preview": True,
        }
    if rule.webhook_format == WebhookFormat.ZALO:
        return {
            "recipient": {"user_id": rule.chat_id},
            "message": {"text": f"{text}\n{links}"[:2000]},
        }
    return {"alert_id": alert.pk, "created_at": alert.created_at.isoformat(), **alert.payload}
