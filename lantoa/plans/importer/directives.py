"""The documents a preamble cites.

"Căn cứ Nghị định số 72/2015/NĐ-CP …; Căn cứ Thông tư số 22/2016/TT-BTTTT …;" is a list of
parallel bases: none is the parent of another. "Thực hiện Kế hoạch số 59-KH/TU … về thực hiện Kết
luận số 57-KL/TW …" is a chain: 57-KL/TW → 59-KH/TU, and the plan carries out its end. A mention's
issuer and title end where that citation ends (the next citation, a verb that starts a new
clause, a semicolon), never several clauses later.
"""

from __future__ import annotations

import re
from datetime import date

from lantoa.core.text import fold_lower, nfc

from ..constants import DOC_TYPE_WORDS
from .structure import DirectiveRef

_TYPE_WORDS = "|".join(sorted(DOC_TYPE_WORDS, key=len, reverse=True))
_SYMBOL_PART = r"[A-Za-zĐđ][\w.&]*"
# "78-KH/ĐU", "34/KH-UBND", "72/2015/NĐ-CP", "499/SNgV-LS&HTQT", "8145-CV/TU", "103/2016/QH13"
DOC_NUMBER = (
    r"(?P<number>\d+)\s*(?P<sep>[-/])\s*"
    rf"(?P<symbol>(?:(?:19|20)\d\d/)?{_SYMBOL_PART}(?:[/-][\w&][\w.&]*)*)"
)
_DATE = (
    r"(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
)
_MENTION = re.compile(
    rf"(?P<type>{_TYPE_WORDS})\s+(?:số\s*:?\s*)?{DOC_NUMBER}"
    rf"(?:\s*,?\s*(?:ban hành\s+)?ngày\s+{_DATE})?",
    re.IGNORECASE,
)
# Where an issuer ("của Ban Thường vụ Tỉnh ủy") stops: a verb that opens the subject or a new
# clause, punctuation, or the next citation.
_ISSUER_STOP = re.compile(
    r"\s+(?:về|quy định|hướng dẫn|ban hành|triển khai|thực hiện|tổ chức|phê duyệt|sửa đổi|"
    r"tiếp tục|tăng cường|đẩy mạnh|việc|v/v|V/v)\b|\s*[,;:(]|\.\s|\.$|\s+(?:và\s+)?(?i:"
    + _TYPE_WORDS
    + r")\s+(?:số\s*)?\d",
)  # case-sensitive verbs: "Ban Tổ chức Tỉnh ủy" is a name, "… tổ chức hội nghị" a verb
_TITLE_START = re.compile(
    r"\s*,?\s*(?P<verb>về|quy định|hướng dẫn|ban hành|triển khai|phê duyệt|sửa đổi)\b\s*",
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
    "CP": "Chính phủ",
    "TTG": "Thủ tướng Chính phủ",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BNG": "Bộ Ngoại giao",
}
_BASIS = "can cu"
_CHAIN_WORDS = ("thuc hien", "trien khai")


def citation_code(match: re.Match) -> str:
    symbol = re.sub(r"\s+", "", match["symbol"]).rstrip(".")
    return f"{match['number']}{match['sep']}{symbol}"


def parse_directive_chain(preamble: str) -> list[DirectiveRef]:
    """Directives the preamble cites, root first. Each carries its relation: "basis" (a "Căn cứ"
    clause) or "implements" (a "Thực hiện"/"Triển khai" clause, whose "về thực hiện X" makes X
    the parent)."""
    preamble = nfc(preamble)
    refs: list[DirectiveRef] = []
    by_code: dict[str, DirectiveRef] = {}
    previous: DirectiveRef | None = None
    previous_end = 0
    relation = ""
    for match in _MENTION.finditer(preamble):
        if _inside_alias(preamble, match.start()):
            continue
        code = citation_code(match)
        between = fold_lower(preamble[previous_end : match.start()])
        clause_break = ";" in between or _BASIS in between or previous is None
        if clause_break:
            relation = _clause_relation(fold_lower(preamble[: match.start()]))
        ref = by_code.get(code)
        if ref is None:
            symbol = re.sub(r"\s+", "", match["symbol"]).rstrip(".")
            ref = DirectiveRef(
                code=code,
                number=match["number"],
                symbol=symbol,
                doc_type=DOC_TYPE_WORDS[match["type"].casefold()],
                relation=relation,
            )
            by_code[code] = ref
            refs.append(ref)
        if match["date"]:
            ref.issued_on = ref.issued_on or parse_date(match["date"])
        issuer, after = _issuer_after(preamble, match.end())
        ref.issuer = ref.issuer or issuer
        ref.title = ref.title or _title_after(preamble, after)
        if (
            previous is not None
            and previous is not ref
            and not clause_break
            and previous.parent_code is None
            and any(word in between for word in _CHAIN_WORDS)
            and " ve " in f" {between}"
            and previous.code not in _ancestors(ref, by_code)
        ):
            previous.parent_code = ref.code
            ref.relation = ref.relation or previous.relation
        previous, previous_end = ref, match.end()
    _assign_aliases(preamble, refs)
    for ref in refs:
        if not ref.issuer:
            suffix = re.split(r"[/-]", ref.symbol)[-1].upper()
            ref.issuer = _ISSUER_BY_SUFFIX.get(suffix, "")
            if not ref.issuer and re.fullmatch(r"QH\d+", suffix):
                ref.issuer = "Quốc hội"
    # Root first: follow parents from each cited document.
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


def implemented(refs: list[DirectiveRef], own_code: str) -> str | None:
    """The cited document the plan carries out: the end of the "Thực hiện" chain, else the last
    basis (a plan "căn cứ" a higher plan carries it out)."""
    cited = [ref for ref in refs if ref.code != own_code]
    parents = {ref.parent_code for ref in cited}
    ends = [ref for ref in cited if ref.code not in parents]
    chain = [ref for ref in ends if ref.relation == "implements"]
    if chain:
        return chain[0].code
    basis = [ref for ref in ends if ref.relation == "basis"]
    if basis:
        return basis[-1].code
    return ends[0].code if ends else None


def _clause_relation(before: str) -> str:
    """Which opening word governs a citation: the last "căn cứ" or "thực hiện" before it."""
    basis = before.rfind(_BASIS)
    chain = max(before.rfind(word) for word in _CHAIN_WORDS)
    if basis < 0 and chain < 0:
        return ""
    return "basis" if basis > chain else "implements"


def _issuer_after(text: str, position: int) -> tuple[str, int]:
    match = re.match(r"\s*,?\s*của\s+", text[position:], re.IGNORECASE)
    if not match:
        return "", position
    start = position + match.end()
    stop = _ISSUER_STOP.search(text, start)
    end = stop.start() if stop else len(text)
    issuer = text[start:end].strip(" ,.")
    if len(issuer.split()) > 14:  # not a name: keep the first words only
        issuer = " ".join(issuer.split()[:14])
    return issuer, end


def _title_after(text: str, position: int) -> str:
    """The subject ("về …", "quy định …") right after a mention, up to the clause end."""
    match = _TITLE_START.match(text[position:])
    if not match:
        return ""
    rest = text[position + match.end() :]
    prefix = "" if match["verb"].casefold() == "về" else match["verb"] + " "
    end = len(rest)
    for pattern in (
        r"\(",
        r";",
        r",\s+(?=[A-ZĐ][a-zà-ỹđ]+\s+[A-ZĐa-zà-ỹđ])",
        r"\.\s",
        r"\.$",
    ):
        found = re.search(pattern, rest)
        if found:
            end = min(end, found.start())
    return (prefix + rest[:end]).strip(" ,.")


def _assign_aliases(preamble: str, refs: list[DirectiveRef]) -> None:
    for match in _ALIAS.finditer(preamble):
        alias = match["alias"].strip()
        target = next((ref for ref in refs if ref.code in alias), None)
        if target is None:
            target = next(
                (ref for ref in reversed(refs) if preamble.find(ref.code) < match.start()), None
            )
        if target is not None and alias not in target.aliases:
            target.aliases.append(alias)


def _ancestors(ref: DirectiveRef, by_code: dict[str, DirectiveRef]) -> set[str]:
    seen: set[str] = set()
    node = ref
    while node is not None and node.code not in seen:
        seen.add(node.code)
        node = by_code.get(node.parent_code or "")
    return seen


def _inside_alias(text: str, position: int) -> bool:
    return any(m.start() <= position < m.end() for m in _ALIAS.finditer(text))


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
