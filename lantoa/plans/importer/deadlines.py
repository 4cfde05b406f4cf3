"""Deadlines read from a plan's sentence.

"trước ngày 30/9/2026", "chậm nhất ngày 15 tháng 12 năm 2026" → that date; "trong tháng 6/2026"
→ the month's last day; "Quý II/2026" → the quarter's last day; "năm 2026", "trong năm 2026" →
31 December; "hằng năm", "hằng quý", "định kỳ 6 tháng", "hằng tháng" → recurring; "thường
xuyên" → ongoing (with periodic check-ins). Recurring words win over a date in the same sentence
("báo cáo hằng quý, trước ngày 15 của tháng cuối quý"). A deadline counted from the document
("trong vòng 30 ngày kể từ ngày ban hành", "chậm nhất sau 15 ngày kể từ ngày ký") is resolved
against the document's date when the caller knows it, and left undated otherwise.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..constants import DeadlineKind
from .directives import safe_date
from .layout import fold_aligned

_RECURRING = [
    ("hang thang", DeadlineKind.MONTHLY),
    ("hang quy", DeadlineKind.QUARTERLY),
    ("hang nam", DeadlineKind.ANNUAL),
    ("thuong xuyen", DeadlineKind.ONGOING),
    ("lien tuc", DeadlineKind.ONGOING),
]
# "định kỳ 6 tháng", "hằng 6 tháng", "6 tháng một lần" (not "6 tháng đầu năm", a period).
_SEMIANNUAL = re.compile(
    r"\b(?:dinh ky|hang|moi)\s+(?:0?6|sau)\s+thang\b|\b(?:0?6|sau)\s+thang\s+(?:mot|1)\s+lan\b"
)
_RELATIVE = re.compile(
    r"(?:trong vong|trong thoi han|trong|cham nhat(?:\s+la)?(?:\s+sau)?|sau|khong qua)\s+"
    r"(?P<n>\d{1,3})\s+ngay\s+(?:ke\s+)?(?:tu|sau)\s+ngay\s+(?:ky|ban hanh)\b"
)
_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DAY = re.compile(
    r"(?:truoc|cham nhat|han chot|xong|hoan thanh|den)\s+(?:la\s+)?(?:ngay\s+)?"
    r"(?P<d>\d{1,2})\s*(?:/|-|\.|\s+thang\s+)(?P<m>\d{1,2})\s*(?:/|-|\.|\s+nam\s+)(?P<y>\d{4})"
)
_MONTH = re.compile(r"(?:trong\s+)?thang\s+(?P<m>\d{1,2})\s*(?:/|\s+nam\s+)(?P<y>\d{4})")
_QUARTER = re.compile(r"quy\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|\s+nam\s+)(?P<y>\d{4})")
_YEAR = re.compile(
    r"\b(?:trong|ca|den het|xong trong|truoc het|hoan thanh)\s+nam\s+(?P<y>20\d\d)\b"
)


@dataclass
class Deadline:
    kind: str = DeadlineKind.DATE
    due: date | None = None
    text: str = ""


def deadline_kind_of(text: str) -> str:
    """The deadline kind a sentence implies ("định kỳ hằng năm" → annual), dated by default."""
    return read_deadline(text).kind


def read_deadline(text: str, issued_on: date | None = None) -> Deadline:
    """The deadline of a sentence; `issued_on` (the document's date) resolves relative ones."""
    folded = fold_aligned(text).replace("hàng", "hang")
    semiannual = _SEMIANNUAL.search(folded)
    if semiannual:
        return Deadline(
            kind=DeadlineKind.SEMIANNUAL, text=text[semiannual.start() : semiannual.end()]
        )
    for word, kind in _RECURRING:
        position = folded.find(word)
        if position >= 0:
            return Deadline(kind=kind, text=text[position : position + len(word)])
    relative = _RELATIVE.search(folded)
    if relative:
        due = issued_on + timedelta(days=int(relative["n"])) if issued_on else None
        return Deadline(due=due, text=text[relative.start() : relative.end()].strip())
    for pattern, due_of in (
        (_DAY, lambda m: safe_date(int(m["y"]), int(m["m"]), int(m["d"]))),
        (_QUARTER, lambda m: _quarter_end(int(m["y"]), _ROMAN_Q[m["q"]])),
        (_MONTH, lambda m: _month_end(int(m["y"]), int(m["m"]))),
        (_YEAR, lambda m: date(int(m["y"]), 12, 31)),
    ):
        match = pattern.search(folded)
        if match:
            due = due_of(match)
            if due is not None:
                return Deadline(due=due, text=text[match.start() : match.end()].strip())
    return Deadline()


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter_end(year: int, quarter: int) -> date:
    return _month_end(year, quarter * 3)
