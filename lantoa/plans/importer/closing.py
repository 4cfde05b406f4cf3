"""The closing: "Nơi nhận" and the signature block, in either order (a Word table puts the
recipients left and the signature right), and where an attached document starts after them."""

from __future__ import annotations

import re

from lantoa.core.text import fold_lower

from ..constants import DOC_TYPE_WORDS
from .outline import BULLET
from .structure import ParsedPlan, Signature

AUTHORITY = re.compile(r"^(T/M|TM\.?|K/T|KT\.?|Q\.|TL\.|TUQ\.)\s+\S", re.IGNORECASE)
_SIGNER_TITLES = re.compile(
    r"^(PHÓ\s+)?(BÍ THƯ|CHỦ TỊCH|TRƯỞNG BAN|GIÁM ĐỐC|TRƯỞNG PHÒNG|CHÁNH VĂN PHÒNG)\b"
)
_ATTACHED = re.compile(r"^\(?\s*(Ban hành )?kèm theo (Quyết định|Nghị quyết|Chỉ thị)", re.I)


def find_body_end(lines: list[str], start: int) -> int:
    for index in range(start, len(lines)):
        line = lines[index]
        if fold_lower(line).startswith("noi nhan") or AUTHORITY.match(line):
            return index
    return len(lines)


def find_attached(lines: list[str], start: int) -> int | None:
    """Where a document attached after the closing starts ("KẾ HOẠCH" + title, or the
    "(Ban hành kèm theo Quyết định số …)" line), or None."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line.isupper() and DOC_TYPE_WORDS.get(line.casefold()):
            return index
        if _ATTACHED.match(line):
            back = index
            while back > start and lines[back - 1] and not AUTHORITY.match(lines[back - 1]):
                back -= 1
            return back if back > start else index
    return None


def parse_closing(lines: list[str], parsed: ParsedPlan) -> None:
    mode = ""
    signature: list[str] = []
    for line in lines:
        if not line:
            continue
        folded = fold_lower(line)
        if folded.startswith("noi nhan"):
            mode = "recipients"
            rest = line[len("Nơi nhận") :].strip(" :")
            if rest:
                parsed.recipients.append(clean_recipient(rest))
            continue
        if AUTHORITY.match(line) or (mode != "signature" and _SIGNER_TITLES.match(line)):
            mode = "signature"
            signature.append(line)
            continue
        bullet = BULLET.match(line)
        if mode == "recipients" and bullet:
            parsed.recipients.append(clean_recipient(bullet["rest"]))
            continue
        if mode == "signature" or (line.isupper() and mode == "recipients"):
            mode = "signature"
            signature.append(line)
            continue
        if mode == "recipients":
            parsed.recipients.append(clean_recipient(line))
            continue
        parsed.unrecognised.append(line)
    assign_signature(parsed.signature, signature)


def clean_recipient(text: str) -> str:
    text = re.sub(r"\s*,\s*\(", " (", text.strip())
    return text.rstrip(" ,;.")


def assign_signature(signature: Signature, lines: list[str]) -> None:
    upper = [line for line in lines if line.isupper() or AUTHORITY.match(line)]
    names = [line for line in lines if line not in upper and not line.startswith(("(", "["))]
    other = [line for line in lines if line not in upper and line.startswith(("(", "["))]
    authority = []
    while upper and AUTHORITY.match(upper[0]):  # "TM. ỦY BAN NHÂN DÂN" + "KT. CHỦ TỊCH"
        authority.append(upper.pop(0))
    signature.authority = " ".join(authority)
    if upper:
        signature.title = upper.pop(0)
    if names:
        signature.name = names.pop()
    signature.other.extend(upper + names + other)
