"""Who leads and who coordinates: read the subject of a section IV sentence against the units.

"Giao Ban Xây dựng đảng Đảng ủy chủ trì, phối hợp với các cơ quan liên quan theo dõi …" names its
units at the start, before the verb. The subject is read as the longest run of unit names, group
phrases ("các tổ chức chính trị - xã hội") and connectors ("và", ","); the first unit leads unless
"chủ trì … phối hợp với …" says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lantoa.core.constants import UnitKind

from .layout import fold_aligned
from .structure import UnitDirectory

GROUP_PHRASES: dict[str, tuple[str, ...]] = {
    UnitKind.PARTY_CELL: (
        "các cấp ủy, tổ chức đảng",
        "cấp ủy, tổ chức đảng",
        "các cấp ủy",
        "các tổ chức đảng",
        "tổ chức đảng",
        "các chi bộ",
        "các chi bộ trực thuộc",
        "các chi, đảng bộ",
        "các tổ chức cơ sở đảng",
    ),
    UnitKind.MASS_ORGANISATION: (
        "các tổ chức chính trị - xã hội",
        "các tổ chức chính trị-xã hội",
        "các tổ chức chính trị xã hội",
        "tổ chức chính trị - xã hội",
        "các đoàn thể",
        "các hội, đoàn thể",
        "các đoàn thể chính trị - xã hội",
    ),
}
GENERIC_PHRASES = (
    "các cơ quan liên quan",
    "các cơ quan, đơn vị liên quan",
    "các cơ quan, đơn vị",
    "các đơn vị liên quan",
    "các ngành liên quan",
    "các ban, ngành, đoàn thể",
    "các ban, ngành",
)
_LEADING = re.compile(r"^(giao cho|giao|đề nghị|yêu cầu)\s+", re.IGNORECASE)
_CONNECTORS = ("va", "cung", "phuong", "xa")


@dataclass
class Split:
    subject: str = ""
    action: str = ""
    lead: str | None = None
    coordinating: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)


_fold_aligned = fold_aligned
# A unit name followed by another level ("UBND tỉnh", "Ban Thường vụ Tỉnh ủy") names another body.
# So does a name followed by another organisation ("Ban Thường vụ Đoàn phường").
_OTHER_LEVEL = re.compile(
    r"\s*(tinh|huyen|quan|trung uong|thanh pho|thi xa|bo(?! sung)|so(?! ket| luong)|doan(?! ket)|"
    r"hoi(?! nghi| thi)|dang uy|chi bo|cong doan|"
    r"mat tran|hdnd|hoi dong)\b"
)


def _vocabulary(directory: UnitDirectory) -> list[tuple[str, str, str]]:
    """(folded phrase, kind of token, value), longest first."""
    vocab: list[tuple[str, str, str]] = []
    for unit in directory.units:
        for name in unit.names:
            if len(name.strip()) >= 3:
                vocab.append((_fold_aligned(name.strip()), "unit", unit.code))
    for kind, phrases in GROUP_PHRASES.items():
        vocab.extend((_fold_aligned(phrase), "group", kind) for phrase in phrases)
    vocab.extend((_fold_aligned(phrase), "generic", phrase) for phrase in GENERIC_PHRASES)
    vocab.sort(key=lambda entry: len(entry[0]), reverse=True)
    return vocab


def _scan(text: str, folded: str, start: int, vocab) -> tuple[list[tuple[str, str, str]], int]:
    """Mentions from `start` on while the text is only names and connectors; and where they end."""
    mentions: list[tuple[str, str, str]] = []
    pos = end = start
    while pos < len(folded):
        while pos < len(folded) and folded[pos] in " ,;":
            pos += 1
        word = re.match(r"\w+", folded[pos:])
        if word and word.group(0) in _CONNECTORS and mentions:
            pos += word.end()
            end = pos if word.group(0) in ("phuong", "xa") else end
            continue
        for phrase, kind, value in vocab:
            if folded.startswith(phrase, pos):
                after = pos + len(phrase)
                if after < len(folded) and folded[after].isalnum():
                    continue
                if kind == "unit" and _OTHER_LEVEL.match(folded, after):
                    continue
                mentions.append((kind, value, text[pos:after]))
                pos = end = after
                break
        else:
            break
    return mentions, end


def split_assignment(text: str, directory: UnitDirectory) -> Split:
    """Find the lead, coordinating and unnamed units of one assignment sentence."""
    split = Split()
    leading = _LEADING.match(text)
    offset = leading.end() if leading else 0
    folded = _fold_aligned(text)
    vocab = _vocabulary(directory)
    mentions, end = _scan(text, folded, offset, vocab)
    split.subject = text[offset:end].strip(" ,")
    rest_start = end
    coordinating: list[tuple[str, str, str]] = []
    chair = re.match(r"\s*,?\s*chu tri\b\s*,?\s*", folded[rest_start:])
    if chair and mentions:
        rest_start += chair.end()
        partner = re.match(r"phoi hop\s+(voi\s+)?", folded[rest_start:])
        if partner:
            rest_start += partner.end()
            coordinating, rest_start = _scan(text, folded, rest_start, vocab)
    split.action = text[rest_start:].strip(" ,")

    units: list[str] = []
    for kind, value, raw in mentions:
        units.extend(_expand(kind, value, raw, directory, split))
    partners: list[str] = []
    for kind, value, raw in coordinating:
        partners.extend(_expand(kind, value, raw, directory, split))
    if units:
        split.lead = units[0]
        rest = units[1:] + partners
        seen = {split.lead}
        for code in rest:
            if code not in seen:
                seen.add(code)
                split.coordinating.append(code)
    return split


def _expand(kind: str, value: str, raw: str, directory: UnitDirectory, split: Split) -> list[str]:
    if kind == "unit":
        return [value]
    if kind == "group":
        codes = directory.codes_of_kind(value)
        if not codes and raw not in split.unmatched:
            split.unmatched.append(raw)
        return codes
    if raw not in split.unmatched:
        split.unmatched.append(raw)
    return []
