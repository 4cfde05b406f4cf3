"""When a source is polled next: adaptive interval, linear backoff, Retry-After, jitter.

A source is never disabled by failures: its next poll moves further away (linearly, up to the
source's maximum interval) and comes back to normal after one success.
"""

import random
from datetime import datetime, timedelta

from django.conf import settings

from .models import Source

MAX_RETRY_AFTER = timedelta(days=1)
JITTER = 0.1


def _bounds(source: Source) -> tuple[int, int]:
    low = max(60, source.poll_min_minutes * 60)
    return low, max(low, source.poll_max_minutes * 60)


def _jitter(seconds: float) -> timedelta:
    return timedelta(seconds=seconds * (1 + random.uniform(-JITTER, JITTER)))  # noqa: S311


def full_fetch_due(source: Source) -> bool:
    """Conditional GET most of the time, a full fetch every N polls (validators can lie)."""
    every = settings.LANTOA_FETCH_FULL_EVERY
    return source.polls_since_full + 1 >= every or not (source.etag or source.last_modified)


def interval_after_success(source: Source, new_items: int) -> int:
    """Shorter when a poll brings new items, longer when it brings none, within bounds."""
    low, high = _bounds(source)
    current = source.interval_seconds or low
    if new_items >= 5:
        current = current / 2
    elif new_items > 0:
        current = current * 0.8
    else:
        current = current * 1.5
    return int(min(high, max(low, current)))


def next_after_success(source: Source, new_items: int, now: datetime) -> datetime:
    source.interval_seconds = interval_after_success(source, new_items)
    return now + _jitter(source.interval_seconds)


def next_after_failure(source: Source, now: datetime, retry_after: float | None) -> datetime:
    """Linear backoff: (failures × minimum interval), capped at the maximum; Retry-After wins
    when longer (itself capped at one day)."""
    low, high = _bounds(source)
    delay = min(high, low * max(1, source.consecutive_failures))
    if retry_after is not None:
        wait = min(retry_after, MAX_RETRY_AFTER.total_seconds())
        if wait >= delay:
            # Never earlier than the server asked: jitter only adds.
            return now + timedelta(seconds=wait * (1 + random.uniform(0, JITTER)))  # noqa: S311
    return now + _jitter(delay)
