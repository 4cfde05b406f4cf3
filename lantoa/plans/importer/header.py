"""The header block (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW): issuing bodies, number and
symbol, place and date, the document type and its title (trích yếu).

"ỦY BAN NHÂN DÂN" / "PHƯỜNG QUY NHƠN" is one body written on two lines; "ĐẢNG BỘ TỈNH …" /
"ĐẢNG ỦY PHƯỜNG …" are the parent and the issuing body. A title without a "KẾ HOẠCH" line (the
trích yếu right under the number) is still the title.
"""

from __future__ import annotations

import re

from lantoa.core.text import fold_lower

from ..constants import ABBR_DOC_TYPE, DOC_TYPE_WORDS, DocSystem
from .directives import DOC_NUMBER, safe_date
from .structure import Header, ParsedPlan

NUMBER_LINE = re.compile(rf"^Số\s*:?\s*{DOC_NUMBER}\s*$", re.IGNORECASE)
PLACE_DATE = re.compile(
    r"^(?P<place>[^,\d]{2,80}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
# "II. NHIỆM VỤ", and "PHẦN II. NHIỆM VỤ" / "Phần II:" (a part named as such) alike.
ROMAN = re.compile(r"^(?:(?:PHẦN|Phần)\s+)?(?P<label>[IVX]{1,5})\s*[-.–:)]\s*(?P<rest>\S.*)$")
PART_LETTER = re.compile(r"^(?P<label>[A-H])\s*[.–:)-]\s*(?P<rest>\S.*)$")
ITEM_START = re.compile(r"^\d{1,2}\s*[.)–]\s*\S|^(?:Điều|ĐIỀU)\s+\d+\s*[.:]")
PREAMBLE_START = re.compile(
    r"^(Thực hiện|Căn cứ|Triển khai|Để|Nhằm|Theo|Trên cơ sở|Xét|THỰC HIỆN|CĂN CỨ|"
    r"Thi hành|Qua|Sau khi|Ngày)\b"
)
FORMULA = {
    "dang cong san viet nam",
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "doc lap – tu do – hanh phuc",
    "doc lap-tu do-hanh phuc",
    "*",
}
_RULE = set("*-_=.… ")
# "ỦY BAN NHÂN DÂN" + "PHƯỜNG X": the second line finishes the first body's name.
_BODY_OPEN = re.compile(
    r"(NHÂN DÂN|BAN CHẤP HÀNH|ĐOÀN ĐẠI BIỂU QUỐC HỘI|MẶT TRẬN TỔ QUỐC VIỆT NAM)$"
)
_PLACE_WORD = re.compile(r"^(PHƯỜNG|XÃ|THỊ TRẤN|TỈNH|THÀNH PHỐ|QUẬN|HUYỆN|THỊ XÃ|ĐẶC KHU|TP\.?)\b")


def is_rule(line: str) -> bool:
    return set(line) <= _RULE


def parse_header(lines: list[str], parsed: ParsedPlan) -> int:
    """Read up to the document type and title; return the index of the first body line."""
    header = parsed.header
    bodies: list[str] = []
    index = 0
    titled = False
    while index < len(lines):
        line = lines[index]
        if not line:
            index += 1
            continue
        if (
            ROMAN.match(line)
            or PREAMBLE_START.match(line)
            or (ITEM_START.match(line) and (header.code or header.title or bodies))
        ):
            break
        folded = fold_lower(line)
        match = NUMBER_LINE.match(line)
        if match and not header.code:
            set_number(header, match)
            index += 1
            continue
        match = PLACE_DATE.match(line)
        if match and not header.place:
            header.place = match["place"].strip()
            header.issued_on = safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
            if line[match.end() :].strip(" .,"):
                header.formula.append(line)  # kept whole: something follows the date
            index += 1
            continue
        if re.search(r",\s*ngày\b.*\bnăm\b", line, re.IGNORECASE) and not header.place:
            header.place = line.split(",", 1)[0].strip()  # an undated draft: "ngày … tháng"
            header.formula.append(line)
            index += 1
            continue
        if folded in FORMULA or is_rule(line):
            header.formula.append(line)
            if folded == "cong hoa xa hoi chu nghia viet nam" and not header.code:
                header.system = DocSystem.STATE
            index += 1
            continue
        if titled:
            break  # after the title only header furniture (place, motto) may follow
        doc_type = DOC_TYPE_WORDS.get(line.casefold())
        if doc_type and line.isupper():
            header.doc_type = doc_type
            _assign_bodies(header, bodies)
            return parse_title(lines, index + 1, header)
        if line.isupper() and len(line) < 120:
            # Upper-case lines after the number are the right column (a motto), not bodies.
            (header.formula if header.code else bodies).append(line)
            index += 1
            continue
        if folded.startswith(("v/v", "ve viec")) or header.code or header.place or bodies:
            # The trích yếu under the number, without a "KẾ HOẠCH" line.
            _assign_bodies(header, bodies)
            if not header.doc_type and header.symbol:
                header.doc_type = doc_type_of_symbol(header.symbol)
            index = parse_title(lines, index, header)
            titled = True
            continue
        parsed.unrecognised.append(line)
        index += 1
    _assign_bodies(header, bodies)
    return index


def set_number(header: Header, match: re.Match) -> None:
    symbol = re.sub(r"\s+", "", match["symbol"]).rstrip(".")
    header.number = match["number"]
    header.symbol = symbol
    header.code = f"{match['number']}{match['sep']}{symbol}"
    header.system = DocSystem.STATE if match["sep"] == "/" else DocSystem.PARTY


def doc_type_of_symbol(symbol: str) -> str:
    for part in re.split(r"[/-]", symbol):
        if part.upper() in ABBR_DOC_TYPE:
            return ABBR_DOC_TYPE[part.upper()]
    return ""


def _merge_bodies(bodies: list[str]) -> list[str]:
    merged: list[str] = []
    for line in bodies:
        if merged and _BODY_OPEN.search(merged[-1]) and _PLACE_WORD.match(line):
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
    return merged


def _assign_bodies(header: Header, bodies: list[str]) -> None:
    if header.issuing_body or header.parent_body:
        return
    bodies = _merge_bodies(bodies)
    if len(bodies) >= 2:
        header.parent_body, header.issuing_body = " ".join(bodies[:-1]), bodies[-1]
    elif bodies:
        header.issuing_body = bodies[0]
    if not header.code and bodies:
        folded = fold_lower(bodies[-1])
        if folded.startswith(("uy ban", "ubnd", "hoi dong nhan dan", "so ", "phong ")):
            header.system = DocSystem.STATE


def parse_title(lines: list[str], start: int, header: Header) -> int:
    title: list[str] = []
    index = start
    blank_before = False
    while index < len(lines):
        line = lines[index]
        if not line:
            blank_before = bool(title)
            index += 1
            continue
        if is_rule(line):
            header.formula.append(line)
            index += 1
            continue
        if (
            ROMAN.match(line)
            or ITEM_START.match(line)
            or line.startswith(("Căn cứ", "CĂN CỨ", "(", "["))
        ):
            break
        if title and PREAMBLE_START.match(line):
            break
        if title and line.isupper() and not " ".join(title).isupper():
            break  # "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG" under a decision's title
        if title and blank_before and not line[0].islower():
            break
        title.append(line)
        blank_before = False
        index += 1
    header.title = " ".join(title)
    return index
