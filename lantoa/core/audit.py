"""Audit log: every change to a business record says who, what and when.

It writes Wagtail's own log entries, so the admin's history views and the site-wide report show
them. Apps register their action names with `register_actions` in their wagtail_hooks.
"""

from typing import Any

from django.db import models
from wagtail.log_actions import log


def audit(instance: models.Model, action: str, *, user=None, data: dict[str, Any] | None = None):
    """Record `action` on `instance` by `user` (None for the system)."""
    return log(instance=instance, action=action, user=user, data=data or {})


def register_actions(actions, definitions: dict[str, tuple[str, str]]) -> None:
    """Register `{action: (label, message)}` in Wagtail's log action registry (a hook helper)."""
    for action, (label, message) in definitions.items():
        actions.register_action(action, label, message)
