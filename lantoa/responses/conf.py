"""Timeliness targets: per-severity SLA hours and the alert threshold.

Both come from settings (`LANTOA_SLA_HOURS`, `LANTOA_SLA_ALERT_RATIO`), which read the environment
once at start-up (`LANTOA_SLA_CRITICAL_HOURS=12`, `LANTOA_SLA_ALERT_RATIO=0.5`) and refuse a value
that makes no sense. Read at call time, so a test or an operator's override applies at once.
"""

from datetime import timedelta

from django.conf import settings


def sla_hours(severity: str) -> float:
    """Hours allowed from detection to publication for a case of `severity`."""
    return float(settings.LANTOA_SLA_HOURS[severity])


def sla_delta(severity: str) -> timedelta:
    return timedelta(hours=sla_hours(severity))


def sla_alert_ratio() -> float:
    """Share of the allowed time after which the responsible person is warned."""
    return float(settings.LANTOA_SLA_ALERT_RATIO)
