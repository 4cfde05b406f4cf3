"""The directives a preamble cites: "Thực hiện Kế hoạch số 59-KH/TU, ngày 07/4/2026 của … về thực
hiện Kết luận số 57-KL/TW …" gives the chain 57-KL/TW → 59-KH/TU, with aliases and issuers."""

from __future__ import annotations

import re
from datetime import date

from lantoa.core.text import fold_lower, nfc

from ..constants import DOC_TYPE_WORDS
from .structure import DirectiveRef

_TYPE_WORDS = "|".join(sorted(DOC_TYPE_WORDS, key=len, reverse=True))
DOC_NUMBER = r"(?P<number>\d+)\s*(?P<sep>[-/])\s*(?P<symbol>[A-Za-zĐđ][\w.]*(?:[/-][\w.]+)*)"
_MENTION = re.compile(
    rf"(?P<type>{_TYPE_WORDS})\s+(?:số\s*)?{DOC_NUMBER}"
    r"(?:\s*,?\s*ngày\s+(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>.+?)(?=\s+về\s|\s*[,;(]|$))?",
    re.IGNORECASE,
)
_ALIAS = re.compile(
    r"\(\s*(?:sau đây\s+)?(?:gọi|viết)\s+tắt\s+là:?\s*(?P<alias>[^)]+?)\s*\)", re.IGNORECASE
)
_ISSUER_BY_SUFFIX = {
    "TW": "Ban Chấp hành Trung ương",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "TU.": "Tỉnh ủy",
    "ĐU": "Đảng ủy",
    "BCĐ": "Ban Chỉ đạo",
}


def parse_directive_chain(preamble: str) -> list[DirectiveRef]:
    """Directives the preamble cites, root first; "về thực hiện X" makes X the parent."""
    preamble = nfc(preamble)
    refs: list[DirectiveRef] = []
    by_code: dict[str, DirectiveRef] = {}
    previous_end = 0
    previous: DirectiveRef | None = None
    for match in _MENTION.finditer(preamble):
        code = f"{match['number']}{match['sep']}{match['symbol']}".rstrip(".")
        if _inside_alias(preamble, match.start()):
            continue
        between = fold_lower(preamble[previous_end : match.start()])
        ref = by_code.get(code)
        if ref is None:
            ref = DirectiveRef(
                code=code,
                number=match["number"],
                symbol=match["symbol"].rstrip("."),
                doc_type=DOC_TYPE_WORDS[match["type"].casefold()],
            )
            by_code[code] = ref
            refs.append(ref)
        if match["date"]:
            ref.issued_on = ref.issued_on or parse_date(match["date"])
        if match["issuer"]:
            ref.issuer = ref.issuer or match["issuer"].strip()
        ref.title = ref.title or _title_after(preamble, match.end())
        if (
            previous is not None
            and previous is not ref
            and previous.parent_code is None
            and ("thuc hien" in between or "trien khai" in between)
            and " ve " in f" {between}"
        ) and previous.code not in _ancestors(ref, by_code):
            previous.parent_code = ref.code
        previous, previous_end = ref, match.end()
    for match in _ALIAS.finditer(preamble):
        alias = match["alias"].strip()
        target = next((ref for ref in refs if ref.code in alias), None)
        if target is None:
            target = next(
                (ref for ref in reversed(refs) if preamble.find(ref.code) < match.start()), None
            )
        if target is not None and alias not in target.aliases:
            target.aliases.append(alias)
    for ref in refs:
        if not ref.issuer:
            suffix = re.split(r"[/-]", ref.symbol)[-1].upper()
            ref.issuer = _ISSUER_BY_SUFFIX.get(suffix, "")
    # Root first: follow parents from the first cited document.
    ordered: list[DirectiveRef] = []
    for ref in refs:
        chain, node = [], ref
        while node is not None and node not in chain:
            chain.append(node)
            node = by_code.get(node.parent_code or "")
        for node in reversed(chain):
            if node not in ordered:
                ordered.append(node)
    return ordered


def _ancestors(ref: DirectiveRef, by_code: dict[str, DirectiveRef]) -> set[str]:
    seen: set[str] = set()
    node = ref
    while node is not None and node.code not in seen:
        seen.add(node.code)
        node = by_code.get(node.parent_code or "")
    return seen


def _inside_alias(text: str, position: int) -> bool:
    return any(m.start() <= position < m.end() for m in _ALIAS.finditer(text))


def _title_after(text: str, position: int) -> str:
    """The subject after "về" that follows a mention, up to the clause end."""
    rest = text[position:]
    match = re.match(r"\s*,?\s*về\s+", rest)
    if not match:
        return ""
    rest = rest[match.end() :]
    end = len(rest)
    for pattern in (r"\(", r";", r",\s+(?=[A-ZĐ][a-zà-ỹđ]+\s+[A-ZĐa-zà-ỹđ])", r"\.\s"):
        found = re.search(pattern, rest)
        if found:
            end = min(end, found.start())
    return rest[:end].strip(" ,.")


def parse_date(raw: str) -> date | None:
    numbers = [int(part) for part in re.findall(r"\d+", raw)]
    if len(numbers) != 3:
        return None
    return safe_date(numbers[2], numbers[1], numbers[0])


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
