"""Parse a plan's text into a ParsedPlan: header, directive chain, outline, section IV, signature.

Vietnamese Party and state documents share one shape (Hướng dẫn 36-HD/VPTW, Nghị định 30/2020):
a header block, the document type and title, a preamble citing what it implements, an outline of
Roman parts, numbered items and bullets, "Nơi nhận" and a signature block. The parser never raises
on odd text: what it cannot place becomes a paragraph or a warning.
"""

from __future__ import annotations

import re
from datetime import date

from lantoa.core.text import fold_lower, nfc

from ..constants import ABBR_DOC_TYPE, DOC_TYPE_WORDS, DeadlineKind, DocSystem, SectionKind
from .assignments import split_assignment
from .structure import (
    AssignmentSpec,
    DirectiveRef,
    Header,
    ParsedPlan,
    Section,
    Signature,
    UnitDirectory,
)

_TYPE_WORDS = "|".join(sorted(DOC_TYPE_WORDS, key=len, reverse=True))
_DOC_NUMBER = r"(?P<number>\d+)\s*(?P<sep>[-/])\s*(?P<symbol>[A-Za-zĐđ][\w.]*(?:[/-][\w.]+)*)"
_MENTION = re.compile(
    rf"(?P<type>{_TYPE_WORDS})\s+(?:số\s*)?{_DOC_NUMBER}"
    r"(?:\s*,?\s*ngày\s+(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>.+?)(?=\s+về\s|\s*[,;(]|$))?",
    re.IGNORECASE,
)
_ALIAS = re.compile(
    r"\(\s*(?:sau đây\s+)?(?:gọi|viết)\s+tắt\s+là:?\s*(?P<alias>[^)]+?)\s*\)", re.IGNORECASE
)
_NUMBER_LINE = re.compile(rf"^Số\s*:?\s*{_DOC_NUMBER}\s*$", re.IGNORECASE)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,\d]{2,80}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"^(?P<label>[IVX]{1,5})\s*[-.–:)]\s*(?P<rest>\S.*)$")
_SUBITEM = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})+)\s*[-.–:)]?\s+(?P<rest>\S.*)$")
_ITEM = re.compile(
    r"^(?P<label>\d{1,2})\s*[.)–]\s*(?P<rest>\S.*)$|^(?P<label2>\d{1,2})\s+-\s+(?P<rest2>\S.*)$"
)
_LETTER = re.compile(r"^(?P<label>[a-zđ])\s*[)]\s*(?P<rest>\S.*)$")
_BULLET = re.compile(r"^[-–—•+*]\s*(?P<rest>\S.*)$")
_AUTHORITY = re.compile(r"^(T/M|TM\.?|K/T|KT\.?|Q\.|TL\.|TUQ\.)\s+\S", re.IGNORECASE)
_PREAMBLE_START = re.compile(
    r"^(Thực hiện|Căn cứ|Triển khai|Để|Nhằm|Theo|Trên cơ sở|Xét|THỰC HIỆN|CĂN CỨ)\b"
)
_SKIP_HEADER = {
    "dang cong san viet nam",
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "doc lap – tu do – hanh phuc",
    "*",
}
_ISSUER_BY_SUFFIX = {
    "TW": "Ban Chấp hành Trung ương",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "TU.": "Tỉnh ủy",
    "ĐU": "Đảng ủy",
    "BCĐ": "Ban Chỉ đạo",
}
_DEADLINE_WORDS = [
    ("hằng tháng", DeadlineKind.MONTHLY),
    ("hàng tháng", DeadlineKind.MONTHLY),
    ("hằng quý", DeadlineKind.QUARTERLY),
    ("hàng quý", DeadlineKind.QUARTERLY),
    ("hằng năm", DeadlineKind.ANNUAL),
    ("hàng năm", DeadlineKind.ANNUAL),
    ("thường xuyên", DeadlineKind.ONGOING),
]
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_END_MARK = re.compile(r"\s*\./\.\s*$")


def parse_plan(text: str, directory: UnitDirectory | None = None) -> ParsedPlan:
    """Parse `text` (any string); units in section IV are matched against `directory` if given."""
    lines = [" ".join(line.split()) for line in nfc(text).splitlines()]
    parsed = ParsedPlan(
        header=Header(),
        directives=[],
        sections=[],
        assignments=[],
        recipients=[],
        signature=Signature(),
    )
    body_start = _parse_header(lines, parsed)
    body_end = _find_body_end(lines, body_start)
    preamble_end = _parse_outline(lines[body_start:body_end], parsed)
    parsed.preamble = " ".join(
        line for line in lines[body_start : body_start + preamble_end] if line
    )
    parsed.directives = parse_directive_chain(parsed.preamble)
    cited = [ref.code for ref in parsed.directives if ref.code != parsed.header.code]
    parents = {ref.parent_code for ref in parsed.directives}
    parsed.implements = next((code for code in cited if code not in parents), None)
    _fill_issuer(parsed)
    _parse_closing(lines[body_end:], parsed)
    _parse_assignments(parsed, directory or UnitDirectory())
    if not parsed.header.code:
        parsed.warnings.append('Không thấy số, ký hiệu văn bản (dòng "Số …").')
    if not parsed.sections:
        parsed.warnings.append("Không thấy phần, mục nào (I, II… hoặc 1, 2…).")
    return parsed


# --- header ---------------------------------------------------------------------------------


def _parse_header(lines: list[str], parsed: ParsedPlan) -> int:
    """Read up to the document type and title; return the index of the first preamble line."""
    header = parsed.header
    bodies: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        if _ROMAN.match(line) or _PREAMBLE_START.match(line):
            return index
        folded = fold_lower(line)
        match = _NUMBER_LINE.match(line)
        if match and not header.code:
            _set_number(header, match)
            continue
        match = _PLACE_DATE.match(line)
        if match:
            header.place = match["place"].strip()
            header.issued_on = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
            continue
        doc_type = DOC_TYPE_WORDS.get(line.casefold())
        if doc_type and line.isupper():
            header.doc_type = doc_type
            title_end = _parse_title(lines, index + 1, header)
            _assign_bodies(header, bodies)
            return title_end
        if folded in _SKIP_HEADER or set(line) <= set("*-_=.… "):
            continue
        if line.isupper() and len(line) < 120:
            bodies.append(line)
    _assign_bodies(header, bodies)
    return len(lines)


def _set_number(header: Header, match: re.Match) -> None:
    header.number = match["number"]
    header.symbol = match["symbol"]
    header.code = f"{match['number']}{match['sep']}{match['symbol']}"
    header.system = DocSystem.STATE if match["sep"] == "/" else DocSystem.PARTY


def _assign_bodies(header: Header, bodies: list[str]) -> None:
    if len(bodies) >= 2:
        header.parent_body, header.issuing_body = bodies[-2], bodies[-1]
    elif bodies:
        header.issuing_body = bodies[0]


def _parse_title(lines: list[str], start: int, header: Header) -> int:
    title: list[str] = []
    index = start
    blank_before = False
    while index < len(lines):
        line = lines[index]
        if not line:
            blank_before = bool(title)
            index += 1
            continue
        if set(line) <= set("*-_=.… "):
            index += 1
            continue
        if _ROMAN.match(line) or _ITEM.match(line) or line.startswith(("Căn cứ", "CĂN CỨ")):
            break
        if title and _PREAMBLE_START.match(line):
            break
        starts_lower = line[0].islower()
        if title and blank_before and not starts_lower:
            break
        title.append(line)
        blank_before = False
        index += 1
    header.title = " ".join(title)
    return index


# --- directives -----------------------------------------------------------------------------


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
            ref.issued_on = ref.issued_on or _parse_date(match["date"])
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


def _parse_date(raw: str) -> date | None:
    numbers = [int(part) for part in re.findall(r"\d+", raw)]
    if len(numbers) != 3:
        return None
    return _safe_date(numbers[2], numbers[1], numbers[0])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _fill_issuer(parsed: ParsedPlan) -> None:
    header = parsed.header
    if not header.issuing_body:
        match = re.search(r"([A-ZĐỦ][^,;.]{3,80}?)\s+ban hành", parsed.preamble)
        if match:
            header.issuing_body = match.group(1).strip()
    if not header.doc_type and header.symbol:
        abbr = re.split(r"[/-]", header.symbol)[0]
        header.doc_type = ABBR_DOC_TYPE.get(abbr.upper(), "")


# --- outline --------------------------------------------------------------------------------


def _find_body_end(lines: list[str], start: int) -> int:
    for index in range(start, len(lines)):
        line = lines[index]
        if fold_lower(line).startswith("noi nhan") or _AUTHORITY.match(line):
            return index
    return len(lines)


def _roman_value(label: str) -> int:
    total = 0
    for index, char in enumerate(label):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[label[index + 1]] if index + 1 < len(label) else 0
        total += -value if value < following else value
    return total


def _split_heading(rest: str) -> tuple[str, str]:
    """A line that ends like a sentence is text; a short line without final stop is a heading."""
    rest = _END_MARK.sub(".", rest).strip()
    if rest.endswith((".", ";", "!", "?", ":")) or len(rest) > 400:
        return "", rest
    return rest, ""


def _parse_outline(lines: list[str], parsed: ParsedPlan) -> int:
    """Build the section tree; return how many leading lines are preamble (before any section)."""
    root = Section(kind="root", label="", path="")
    stack: list[Section] = [root]  # open nodes: root, part, item, subitem (never bullets)
    preamble_end: int | None = None
    counters: dict[int, int] = {}
    roman_seen = 0

    def depth_of(kind: str) -> int:
        return {SectionKind.PART: 1, SectionKind.ITEM: 2, SectionKind.SUBITEM: 3}[kind]

    def open_node(kind: str, label: str, rest: str) -> Section:
        depth = depth_of(kind)
        while len(stack) > depth or (len(stack) > 1 and depth_of(stack[-1].kind) >= depth):
            stack.pop()
        parent = stack[-1]
        path_label = (
            label.split(".")[-1]
            if kind == SectionKind.SUBITEM and parent.kind == SectionKind.ITEM
            else label
        )
        path = f"{parent.path}.{path_label}" if parent.path else path_label
        heading, text = _split_heading(rest)
        node = Section(kind=kind, label=label, path=path, heading=heading, text=text)
        parent.children.append(node)
        stack.append(node)
        return node

    def leaf(kind: str, rest: str) -> None:
        parent = stack[-1]
        key = id(parent) * 10 + (1 if kind == SectionKind.BULLET else 2)
        counters[key] = counters.get(key, 0) + 1
        marker = "-" if kind == SectionKind.BULLET else "p"
        path = (
            f"{parent.path}{marker}{counters[key]}" if parent.path else f"{marker}{counters[key]}"
        )
        label = "-" if kind == SectionKind.BULLET else ""
        parent.children.append(
            Section(kind=kind, label=label, path=path, text=_END_MARK.sub(".", rest).strip())
        )

    for index, line in enumerate(lines):
        if not line:
            continue
        roman = _ROMAN.match(line)
        if roman and _roman_value(roman["label"]) == roman_seen + 1:
            roman_seen += 1
            preamble_end = index if preamble_end is None else preamble_end
            open_node(SectionKind.PART, roman["label"], roman["rest"])
            continue
        if preamble_end is None and not roman_seen and not _ITEM.match(line):
            continue
        subitem = _SUBITEM.match(line)
        if subitem and preamble_end is not None:
            parent_item = next(
                (node for node in reversed(stack) if node.kind == SectionKind.ITEM), None
            )
            if parent_item is None or subitem["label"].split(".")[0] != parent_item.label:
                # No matching item open: the sub-item hangs under the current part.
                while len(stack) > 1 and stack[-1].kind != SectionKind.PART:
                    stack.pop()
                parent = stack[-1]
                node = Section(
                    kind=SectionKind.SUBITEM,
                    label=subitem["label"],
                    path=f"{parent.path}.{subitem['label']}" if parent.path else subitem["label"],
                )
                node.heading, node.text = _split_heading(subitem["rest"])
                parent.children.append(node)
                stack.append(node)
            else:
                while stack[-1] is not parent_item:
                    stack.pop()
                open_node(SectionKind.SUBITEM, subitem["label"], subitem["rest"])
            continue
        item = _ITEM.match(line)
        if item:
            preamble_end = index if preamble_end is None else preamble_end
            label = item["label"] or item["label2"]
            open_node(SectionKind.ITEM, label, item["rest"] or item["rest2"])
            continue
        letter = _LETTER.match(line)
        if letter and len(stack) > 1:
            while len(stack) > 1 and stack[-1].kind == SectionKind.SUBITEM:
                stack.pop()
            parent = stack[-1]
            node = Section(
                kind=SectionKind.SUBITEM,
                label=letter["label"],
                path=f"{parent.path}.{letter['label']}",
            )
            node.heading, node.text = _split_heading(letter["rest"])
            parent.children.append(node)
            stack.append(node)
            continue
        bullet = _BULLET.match(line)
        if bullet:
            leaf(SectionKind.BULLET, bullet["rest"])
            continue
        leaf(SectionKind.PARAGRAPH, line)
    parsed.sections = root.children
    return len(lines) if preamble_end is None else preamble_end


# --- closing: recipients and signature --------------------------------------------------------


def _parse_closing(lines: list[str], parsed: ParsedPlan) -> None:
    mode = ""
    signature: list[str] = []
    for line in lines:
        if not line:
            continue
        folded = fold_lower(line)
        if folded.startswith("noi nhan"):
            mode = "recipients"
            rest = line.split(":", 1)[1].strip() if ":" in line else ""
            if rest:
                parsed.recipients.append(_clean_recipient(rest))
            continue
        if _AUTHORITY.match(line):
            mode = "signature"
            signature.append(line)
            continue
        if mode == "recipients" and _BULLET.match(line):
            parsed.recipients.append(_clean_recipient(_BULLET.match(line)["rest"]))
            continue
        if mode == "signature" or (line.isupper() and mode == "recipients"):
            mode = "signature"
            signature.append(line)
            continue
        if mode == "recipients":
            parsed.recipients.append(_clean_recipient(line))
    _assign_signature(parsed.signature, signature)


def _clean_recipient(text: str) -> str:
    text = re.sub(r"\s*,\s*\(", " (", text.strip())
    return text.rstrip(" ,;.")


def _assign_signature(signature: Signature, lines: list[str]) -> None:
    upper = [line for line in lines if line.isupper() or _AUTHORITY.match(line)]
    names = [line for line in lines if line not in upper and not line.startswith(("(", "["))]
    if upper and _AUTHORITY.match(upper[0]):
        signature.authority = upper.pop(0)
    if upper:
        signature.title = upper[0]
    if names:
        signature.name = names[-1]


# --- section IV -------------------------------------------------------------------------------


def _parse_assignments(parsed: ParsedPlan, directory: UnitDirectory) -> None:
    part = next(
        (
            section
            for section in parsed.sections
            if "to chuc thuc hien" in fold_lower(section.heading or section.text)
        ),
        None,
    )
    if part is None:
        return
    items = [child for child in part.children if child.kind != SectionKind.PARAGRAPH] or list(
        part.children
    )
    for item in items:
        text = " ".join(part for part in (item.heading, item.text) if part)
        for child in item.children:
            text = f"{text} {child.text}".strip()
        split = split_assignment(text, directory)
        folded = fold_lower(text)
        deadline = next(
            (kind for word, kind in _DEADLINE_WORDS if fold_lower(word) in folded),
            DeadlineKind.DATE,
        )
        parsed.assignments.append(
            AssignmentSpec(
                path=item.path,
                text=text,
                subject=split.subject,
                action=split.action,
                lead_unit=split.lead,
                coordinating_units=split.coordinating,
                unmatched=split.unmatched,
                deadline_kind=deadline,
            )
        )
