"""Security events: lock-outs, refused uploads, refused outbound targets, permission refusals,
failed API authentication.

One service records them all, `security_event_record`. Each event is a `SecurityEvent` row (the
administrators' page under Settings → Sự kiện bảo mật) and an entry in Wagtail's log (the site
history). The client address is the one `proxy.client_address` trusts, never a header a client
could forge when no proxy is configured.

Events describe what was refused, not who a person is: the message names the file type, the
target host or the page, and the account only when one is logged in.
"""

import logging

from django.db import transaction
from wagtail.log_actions import get_active_log_context

from lantoa.core.audit import audit

from .models import SecurityEvent, SecurityEventKind
from .proxy import client_address

logger = logging.getLogger("lantoa.security")

AUDIT_ACTION = "lantoa.security_event"
__all__ = ["SecurityEventKind", "security_event_record"]


@transaction.atomic
def security_event_record(
    *, kind: str, message: str, request=None, user=None, target: str = ""
) -> None:
    """Record one security event (a row, a site-history entry and a warning in the log).

    `kind` is a `SecurityEventKind` value; `request` gives the client address, the path and,
    when `user` is not given, the logged-in user (else the user of the Wagtail admin view that is
    running, if any).
    """
    if kind not in SecurityEventKind.values:
        raise ValueError(f"unknown security event kind {kind!r}")
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        user = candidate if getattr(candidate, "is_authenticated", False) else None
    if user is None:  # a form field has no request, but the Wagtail admin view knows its user
        user = get_active_log_context().user
    address = client_address(request) if request is not None else ""
    event = SecurityEvent.objects.create(
        kind=kind,
        message=message[:1000],
        user=user,
        address=address or None,
        path=(request.path if request is not None else "")[:500],
        target=target[:500],
    )
    # Logged as well: an event recorded inside a transaction that is rolled back leaves this line.
    logger.warning("security event %s: %s (%s %s)", kind, message, address, target)
    audit(event, AUDIT_ACTION, user=user, data={"kind": kind, "target": target[:500]})
