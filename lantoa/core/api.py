"""What every app's REST endpoints share: the error body, the permission check, paging bounds
and field types. Apps import these from here (core is the bottom layer); `lantoa.api` only
assembles the routers (`<app>/api.py`) into one NinjaAPI.

An endpoint's access is the admin's: the model permission the admin's list needs
(`require_perm`), then the same querysets (`core.roles.scope_to_unit` for unit-owned records,
so another unit's record answers 404 as in the admin).
"""

from datetime import UTC, datetime
from functools import wraps
from typing import Annotated

from django.utils import timezone
from ninja import Schema
from ninja.errors import HttpError
from pydantic import AfterValidator


class ErrorOut(Schema):
    """Every refusal: `{"detail": "<one Vietnamese sentence>"}`."""

    detail: str


# The error answers an endpoint documents; add 409 where a state can refuse an action.
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}

# Paging: `limit` and `offset` query parameters within these bounds (beyond a 64-bit SQL integer
# the database refuses the offset: a 500 schemathesis found).
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
# PostgreSQL refuses text containing NUL (a 500 schemathesis found): a `pattern` for text filters.
NO_NUL = r"^[^\x00]*$"


def require_perm(request, perm: str, message: str) -> None:
    """Answer 403 with `message` unless the user has `perm` ("app.codename")."""
    if not request.user.has_perm(perm):
        raise HttpError(403, message)


def requires_perm(perm: str, message: str):
    """Decorator form of `require_perm` for an endpoint that needs one permission."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            require_perm(request, perm, message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


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
