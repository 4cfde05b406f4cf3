"""A deadline in the words an officer uses: "còn 5 giờ", "quá hạn 2 giờ" (lists and case pages)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _


def duration_words(seconds: float) -> str:
    """A length of time rounded to the unit that matters: minutes under an hour, hours under two
    days, days beyond ("45 phút", "5 giờ", "3 ngày")."""
    seconds = abs(seconds)
    if seconds < 3600:
        return _("%(n)d phút") % {"n": max(1, round(seconds / 60))}
    if seconds < 48 * 3600:
        return _("%(n)d giờ") % {"n": round(seconds / 3600)}
    return _("%(n)d ngày") % {"n": round(seconds / 86400)}


def deadline_words(due: datetime | None, now: datetime | None = None) -> str:
    """ "còn 5 giờ" before the deadline, "quá hạn 2 giờ" after it, "—" without one."""
    if due is None:
        return "—"
    left = (due - (now or timezone.now())).total_seconds()
    if left < 0:
        return _("quá hạn %(time)s") % {"time": duration_words(left)}
    return _("còn %(time)s") % {"time": duration_words(left)}
