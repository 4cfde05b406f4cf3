"""Field types shared by the apps' API schemas."""

from datetime import UTC, datetime
from typing import Annotated

from django.utils import timezone
from pydantic import AfterValidator


def _to_utc(value: datetime) -> datetime:
    """An aware datetime in UTC. PostgreSQL refuses offsets beyond ±15:59 that Python accepts
    (a 500 schemathesis found with `-17:21`); a naive value is read in the office's time zone."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("Thời điểm nằm ngoài khoảng cho phép.") from None


UtcDatetime = Annotated[datetime, AfterValidator(_to_utc)]
