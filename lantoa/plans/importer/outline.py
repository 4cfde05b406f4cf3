"""The outline: parts, items, sub-items, bullets and paragraphs, whatever the numbering style.

Offices number in many ways: "A. / B." parts with Roman sections inside, "I -", "PHẦN I.", "1.",
"1)", "3.1 -", "a)", "a.", "Điều 1.", and bullets "-", "+", "*", "•". Each numbering style takes
the depth at which it first appears; seeing a style again closes everything below it. Bullets never
open a level: they hang under the open node ("+" under the last "-"). A short line ending in a
colon is a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..constants import SectionKind
from .header import PART_LETTER, ROMAN
from .structure import Section

_DOTTED = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})+)\s*[-.–:)]?\s+(?P<rest>\S.*)$")
_ARABIC = re.compile(
    r"^(?P<label>\d{1,2})\s*[.–]\s*(?P<rest>\S.*)$|^(?P<label2>\d{1,2})\s+-\s+(?P<rest2>\S.*)$"
)
_PAREN = re.compile(r"^\(?(?P<label>\d{1,2})\s*\)\s*(?P<rest>\S.*)$")
_LETTER = re.compile(r"^\(?(?P<label>[a-zđ])\s*[).]\s*(?P<rest>\S.*)$")
_ARTICLE = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<label>\d{1,3})\s*[.:]?\s*(?P<rest>.*)$")
BULLET = re.compile(r"^(?P<mark>[-–—•+*])\s*(?P<rest>\S.*)$")
END_MARK = re.compile(r"\s*\./\.\s*$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_KIND = {
    "upper": SectionKind.PART,
    "roman": SectionKind.PART,
    "article": SectionKind.ITEM,
    "arabic": SectionKind.ITEM,
    "paren": SectionKind.ITEM,
    "dotted": SectionKind.SUBITEM,
    "letter": SectionKind.SUBITEM,
}
_OPENING = ("upper", "roman", "arabic", "paren", "article")


@dataclass
class _Open:
    style: str
    node: Section


def roman_value(label: str) -> int:
    total = 0
    for index, char in enumerate(label):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[label[index + 1]] if index + 1 < len(label) else 0
        total += -value if value < following else value
    return total


def split_heading(rest: str) -> tuple[str, str]:
    """A line that ends like a sentence is text; a short line without final stop is a heading,
    and so is a short line ending in a colon ("Nội dung tuyên truyền:")."""
    rest = END_MARK.sub(".", rest).strip()
    if rest.endswith(":") and len(rest) <= 200:
        return rest.rstrip(": "), ""
    if rest.endswith((".", ";", "!", "?", ":")) or len(rest) > 400:
        return "", rest
    return rest, ""


class _Builder:
    def __init__(self) -> None:
        self.root = Section(kind="root", label="", path="")
        self.stack: list[_Open] = []
        self.counters: dict[tuple[int, str], int] = {}
        self.paths: set[str] = set()
        self.seen_upper = 0
        self.seen_roman: dict[int, int] = {}

    @property
    def top(self) -> Section:
        return self.stack[-1].node if self.stack else self.root

    def _unique(self, path: str) -> str:
        candidate, n = path, 1
        while candidate in self.paths:
            n += 1
            candidate = f"{path}~{n}"
        self.paths.add(candidate)
        return candidate

    def open(self, style: str, label: str, rest: str, path_label: str | None = None) -> None:
        styles = [entry.style for entry in self.stack]
        if style in styles:
            del self.stack[styles.index(style) :]
        parent = self.top
        if path_label is None:
            path_label = label
            if style == "dotted" and parent.label and label.startswith(parent.label + "."):
                path_label = label[len(parent.label) + 1 :]
        path = self._unique(f"{parent.path}.{path_label}" if parent.path else path_label)
        heading, text = split_heading(rest)
        kind = _KIND[style]
        if style == "paren" and any(e.style in ("arabic", "article") for e in self.stack):
            kind = SectionKind.SUBITEM
        node = Section(kind=kind, label=label, path=path, heading=heading, text=text)
        parent.children.append(node)
        self.stack.append(_Open(style, node))

    def leaf(self, kind: str, rest: str, mark: str = "-") -> None:
        parent = self.top
        if kind == SectionKind.BULLET and mark in "+*":
            last = next((c for c in reversed(parent.children) if c.kind == kind), None)
            if (last is not None and last.label not in ("+", "*")) or (
                last is not None and last.label == "+" and mark == "*"
            ):
                parent = last
        key = (id(parent), kind)
        self.counters[key] = self.counters.get(key, 0) + 1
        marker = "-" if kind == SectionKind.BULLET else "p"
        path = self._unique(f"{parent.path}{marker}{self.counters[key]}")
        label = ("-" if mark in "-–—•" else mark) if kind == SectionKind.BULLET else ""
        parent.children.append(
            Section(kind=kind, label=label, path=path, text=END_MARK.sub(".", rest).strip())
        )

    def roman_ok(self, label: str) -> bool:
        key = self.seen_upper
        if roman_value(label) == self.seen_roman.get(key, 0) + 1:
            self.seen_roman[key] = roman_value(label)
            return True
        return False


def parse_outline(lines: list[str]) -> tuple[list[Section], int]:
    """Build the section tree; return it and how many leading lines are preamble."""
    builder = _Builder()
    preamble_end: int | None = None
    for index, line in enumerate(lines):
        if not line:
            continue
        style, label, rest = _style_of(line, builder, started=preamble_end is not None)
        if style in _OPENING and preamble_end is None:
            preamble_end = index
        if preamble_end is None:
            continue
        if style == "upper":
            builder.stack.clear()
            builder.open(style, label, rest)
        elif style == "roman":
            styles = [entry.style for entry in builder.stack]
            del builder.stack[styles.index("upper") + 1 if "upper" in styles else 0 :]
            builder.open(style, label, rest, path_label=label.split()[-1])
        elif style == "article":
            builder.open(style, f"Điều {label}", rest, path_label=f"Đ{label}")
        elif style in _KIND:
            builder.open(style, label, rest)
        elif style == "bullet":
            builder.leaf(SectionKind.BULLET, rest, label)
        else:
            builder.leaf(SectionKind.PARAGRAPH, line)
    return builder.root.children, len(lines) if preamble_end is None else preamble_end


def _style_of(line: str, builder: _Builder, started: bool) -> tuple[str, str, str]:
    match = PART_LETTER.match(line)
    if (
        match
        and ord(match["label"]) - ord("A") == builder.seen_upper
        and _looks_heading(match["rest"])
    ):
        builder.seen_upper += 1
        return "upper", match["label"], match["rest"]
    match = ROMAN.match(line)
    if match and builder.roman_ok(match["label"]):
        # "PHẦN II. NHIỆM VỤ" keeps its word in the label; the path stays "II".
        word = line[: match.start("label")].strip()
        return "roman", f"{word} {match['label']}".strip(), match["rest"]
    match = _ARTICLE.match(line)
    if match and match["rest"] != line:
        return "article", match["label"], match["rest"] or ""
    match = _DOTTED.match(line)
    if match and started:
        return "dotted", match["label"], match["rest"]
    match = _ARABIC.match(line)
    if match:
        return "arabic", match["label"] or match["label2"], match["rest"] or match["rest2"]
    match = _PAREN.match(line)
    if match:
        return "paren", match["label"], match["rest"]
    match = _LETTER.match(line)
    if match and started and builder.stack:
        return "letter", match["label"], match["rest"]
    match = BULLET.match(line)
    if match:
        return "bullet", match["mark"], match["rest"]
    return "", "", line


def _looks_heading(rest: str) -> bool:
    """ "A. MỤC ĐÍCH" is a part; "A. Nguyễn nói rằng…" is not."""
    letters = [char for char in rest if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= 0.6 * len(letters)
