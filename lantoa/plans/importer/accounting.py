"""Where every input line went: the check behind "zero silent drops".

`unplaced_lines(text, parsed)` returns the non-empty input lines whose words appear in none of
the parsed plan's destinations (header, citations, basis, outline, recipients, signature, page
furniture, the "chưa nhận dạng được" list). Words are compared case- and accent-folded, in order,
so a line joined to the next by a PDF wrap, or stripped of its bullet, still counts as placed.
"""

from __future__ import annotations

import re

from lantoa.core.text import fold_lower, nfc

from ..constants import DocType
from .structure import ParsedPlan


def words(text: str) -> str:
    tokens = re.findall(r"\w+", fold_lower(nfc(text)))
    return " ".join(token.lstrip("0") or "0" if token.isdigit() else token for token in tokens)


def destinations(parsed: ParsedPlan) -> list[str]:
    header = parsed.header
    out = [header.parent_body, header.issuing_body, f"Số {header.code}", header.title]
    if header.doc_type in DocType.values:
        out.append(str(DocType(header.doc_type).label))
    if header.issued_on:
        day = header.issued_on
        out.append(f"{header.place}, ngày {day.day} tháng {day.month} năm {day.year}")
    out += [header.place, *header.formula, parsed.preamble, *parsed.basis]
    for section in parsed.walk():
        out.append(" ".join((section.label, section.heading, section.text)))
    out.append("Nơi nhận")
    out += [f"Nơi nhận {recipient}" for recipient in parsed.recipients]  # "Nơi nhận: - Như trên"
    signature = parsed.signature
    out += [signature.authority, signature.title, signature.name, *signature.other]
    out += parsed.unrecognised + parsed.furniture
    return [words(item) for item in out if item]


def unplaced_lines(text: str, parsed: ParsedPlan) -> list[str]:
    haystack = "\n".join(f" {item} " for item in destinations(parsed))
    missing = []
    for line in nfc(text).splitlines():
        needle = words(line)
        if needle and f" {needle} " not in haystack:
            missing.append(line.strip())
    return missing
