"""Timeliness targets: per-severity SLA hours and the alert threshold.

Defaults live in constants; an environment variable overrides each one without touching
settings.py (`LANTOA_SLA_CRITICAL_HOURS=12`, `LANTOA_SLA_ALERT_RATIO=0.5`), and a Django setting
`LANTOA_SLA_HOURS = {"critical": 12, …}` overrides both (handy in tests). Read at call time.
"""

import os
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .constants import DEFAULT_SLA_ALERT_RATIO, DEFAULT_SLA_HOURS, Severity


def _positive_number(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if value <= 0:
        raise ImproperlyConfigured(f"{name} must be a positive number of hours (got {raw!r}).")
    return value


def sla_hours(severity: str) -> float:
    """Hours allowed from detection to publication for a case of `severity`."""
    configured = getattr(settings, "LANTOA_SLA_HOURS", None) or {}
    if severity in configured:
        return float(configured[severity])
    name = f"LANTOA_SLA_{severity.upper()}_HOURS"
    if raw := os.environ.get(name):
        return _positive_number(name, raw)
    return float(DEFAULT_SLA_HOURS[Severity(severity)])


def sla_delta(severity: str) -> timedelta:
    return timedelta(hours=sla_hours(severity))


def sla_alert_ratio() -> float:
    """Share of the allowed time after which the responsible person is warned."""
    configured = getattr(settings, "LANTOA_SLA_ALERT_RATIO", None)
    if configured is not None:
        return float(configured)
    if raw := os.environ.get("LANTOA_SLA_ALERT_RATIO"):
        ratio = _positive_number("LANTOA_SLA_ALERT_RATIO", raw)
        if ratio >= 1:
            raise ImproperlyConfigured("LANTOA_SLA_ALERT_RATIO must lie between 0 and 1.")
        return ratio
    return DEFAULT_SLA_ALERT_RATIO
