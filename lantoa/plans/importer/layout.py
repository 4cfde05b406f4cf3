"""Lines as a person reads them: page furniture set aside, PDF hard wraps joined.

Text pulled from a PDF keeps the page's line breaks ("… công tác thông tin đối" / "ngoại trong
tình hình mới"), page numbers ("- 3 -", "Trang 2/5") and a running header repeated on every page.
`prepare_lines` returns logical lines, each with the input line numbers it came from, and the
furniture it set aside (shown on the review screen, never silently dropped).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lantoa.core.text import fold_lower, nfc

PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?$|^trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?$", re.I
)
MARKER = re.compile(
    r"^(?:[IVX]{1,5}|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)–:-]\s*\S|^[-–—•+*]\s*\S"
    r"|^(?:Điều|ĐIỀU)\s+\d"
)
_SENTENCE_END = (".", ";", ":", "!", "?", "./.")
# A line opening a preamble clause or the closing never continues the line above.
_OPENS = re.compile(
    r"^(Thực hiện|Căn cứ|Triển khai|Theo đề nghị|Xét|Nơi nhận|Kính gửi|TM\.|T/M|KT\.)", re.I
)
WRAP_WIDTH = 55  # a full PDF line is longer than this; a heading rarely is


@dataclass
class Line:
    text: str
    sources: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.text)


def clean(line: str) -> str:
    return " ".join(line.split())


def prepare_lines(text: str) -> tuple[list[Line], list[str]]:
    """Logical lines (blank lines kept as empty Line) and the page furniture set aside."""
    raw = [clean(line) for line in nfc(text).replace("\f", "\n\f\n").splitlines()]
    furniture_idx = _furniture(raw, "\f" in text)
    # extract_text marks PDF pages with form feeds; page numbers mark a pasted PDF.
    paged = "\f" in text or any(PAGE_NUMBER.match(raw[i]) for i in furniture_idx)
    furniture = [raw[i] for i in sorted(furniture_idx) if raw[i] and raw[i] != "\f"]
    lines: list[Line] = []
    previous: Line | None = None
    for index, line in enumerate(raw):
        if line == "\f" or index in furniture_idx:
            continue  # a page break does not end a paragraph
        if not line:
            lines.append(Line("", [index]))
            previous = None
            continue
        if previous is not None and _continues(previous.text, line, paged):
            previous.text = f"{previous.text} {line}"
            previous.sources.append(index)
            continue
        previous = Line(line, [index])
        lines.append(previous)
    return lines, furniture


def _furniture(raw: list[str], paged: bool) -> set[int]:
    numbers = {i for i, line in enumerate(raw) if PAGE_NUMBER.match(line)}
    # A lone number is a page number only when the text has pages or several of them.
    if not paged and len(numbers) < 2:
        numbers = set()
    near_break = set()
    for i in numbers | {i for i, line in enumerate(raw) if line == "\f"}:
        for j in (i - 2, i - 1, i + 1, i + 2):
            if 0 <= j < len(raw):
                near_break.add(j)
    counts = Counter(line for line in raw if len(line) >= 8)
    running = {
        i
        for i in near_break
        if counts.get(raw[i], 0) >= 2 and not MARKER.match(raw[i]) and i not in numbers
    }
    return numbers | running


def _continues(previous: str, line: str, paged: bool) -> bool:
    """Whether `line` is the rest of `previous`, broken by the page width (a lower-case start
    anywhere; a full-width line before a capital only in paged text)."""
    if MARKER.match(line) or _OPENS.match(line) or previous.endswith(_SENTENCE_END):
        return False
    if previous.isupper() or line.isupper():
        return False
    if line[0].islower():
        return True
    return paged and len(previous) >= WRAP_WIDTH and not line.startswith(("Nơi nhận", "(", "["))


def fold_aligned(text: str) -> str:
    """Fold character by character so positions in the folded text match the original."""
    out = []
    for char in text:
        folded = fold_lower(char)
        out.append(folded if len(folded) == 1 else char)
    return "".join(out)
