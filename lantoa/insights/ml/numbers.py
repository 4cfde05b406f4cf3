"""Numbers and dates as story keys, one spelling whatever the language wrote.

- `n:` a number: "1.372.000", "1,372,000", "137万2000" and "1,37 triệu" are 1372000; "1,2 nghìn",
  "1.2 thousand", "千二百", "一千二百", "1천200" and "một nghìn hai trăm" are 1200; "8 tỷ" and
  "80億" are 8000000000. Numbers below MIN_NUMBER are the small counts every story has.
- `d:` a day of a month: "ngày 5 tháng 3", "5/3", "ngày 14 tháng Tư", "3月5日", "3월 5일",
  "March 5", "5 mars".
"""

from __future__ import annotations

import re

MIN_NUMBER = 10

_SCALES = {
    "nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000,
    "thousand": 1_000, "million": 1_000_000, "millions": 1_000_000, "billion": 1_000_000_000,
    "billions": 1_000_000_000, "mille": 1_000, "milliard": 1_000_000_000,
    "milliards": 1_000_000_000,
}  # fmt: skip
# CJK and Korean units: within a 万 (10,000) section, and the sections.
_CJK_UNITS = {"十": 10, "百": 100, "千": 1_000, "천": 1_000, "백": 100, "십": 10}
_CJK_SECTIONS = {"万": 10_000, "萬": 10_000, "만": 10_000, "億": 10**8, "亿": 10**8, "억": 10**8}
_CJK_DIGITS = dict(
    zip("〇零一二三四五六七八九两兩", (0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 2, 2), strict=True)
)
_DIGITS = r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?"
# A written number, with a word scale after it ("1,2 triệu", "2.5 million") or CJK / Korean units
# and further digits ("137万2000", "3천200", "1.5億").
_NUMBER = re.compile(
    rf"({_DIGITS})(?:\s*({'|'.join(_SCALES)})\b|((?:\s?[十百千万萬億亿천만억](?:\d+)?)+))?", re.I
)
_KANJI_NUMBER = re.compile(r"[〇零一二三四五六七八九两兩十百千万萬億亿]{2,}")
# Vietnamese number words: "mười ba" (13), "hai mươi lăm" (25), "bảy triệu" (7,000,000).
_VI_DIGITS = {
    "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "nhăm": 5,
    "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
_VI_TENS = {"mươi": 10, "trăm": 100}
_VI_NUMBER_WORDS = [
    *_VI_DIGITS,
    *_VI_TENS,
    "mười",
    "linh",
    "lẻ",
    "nghìn",
    "ngàn",
    "triệu",
    "tỷ",
    "tỉ",
]
_VI_WORDS = re.compile(rf"(?<!\w)(?:(?:{'|'.join(_VI_NUMBER_WORDS)})(?!\w)\s*)+", re.I)


def _digits_value(raw: str) -> float:
    """'1.372.000' / '1,372,000' / '1 372 000': thousands; '2,5' / '2.5': a decimal."""
    raw = raw.strip()
    if re.fullmatch(r"\d{1,3}(?:[.,\s]\d{3})+", raw):
        return int(re.sub(r"\D", "", raw))
    head = re.match(r"\d+(?:[.,]\d+)?", raw).group()
    return float(head.replace(",", "."))


def _cjk_value(tokens: list[tuple[str, float]]) -> float:
    """Digits and units in order: ('137', 万), ('2000',) → 1372000; 千二百 → 1200."""
    total = section = digit = 0.0
    for kind, value in tokens:
        if kind == "digit":
            digit = value
        elif kind == "unit":
            section += (digit or 1) * value
            digit = 0
        else:  # a section: 万, 億
            total += ((section + digit) or 1) * value
            section = digit = 0
    return total + section + digit


def _cjk_tokens(text: str) -> list[tuple[str, float]]:
    tokens = []
    for part in re.findall(r"\d+(?:[.,]\d+)?|\S", text):
        if part[0].isdigit():
            tokens.append(("digit", float(part.replace(",", "."))))
        elif part in _CJK_DIGITS:
            tokens.append(("digit", _CJK_DIGITS[part]))
        elif part in _CJK_UNITS:
            tokens.append(("unit", _CJK_UNITS[part]))
        elif part in _CJK_SECTIONS:
            tokens.append(("section", _CJK_SECTIONS[part]))
    return tokens


def _vi_value(words: list[str]) -> float | None:
    """The value of Vietnamese number words, None when they carry no tens, hundreds or scale
    (a lone "hai" or "ba" is a small count, or no number at all: "Ba Lan")."""
    total = group = digit = 0
    counted = False
    for word in words:
        if word in _VI_DIGITS:
            digit = _VI_DIGITS[word]
        elif word == "mười":
            group += 10
            counted = True
        elif word in _VI_TENS:
            group += (digit or 1) * _VI_TENS[word]
            digit, counted = 0, True
        elif word in _SCALES:
            total += ((group + digit) or 1) * _SCALES[word]
            group = digit = 0
            counted = True
    return total + group + digit if counted else None


# A run of number words counts only with tens, hundreds or a scale in it (`_vi_value`): a text
# without any of these words holds no Vietnamese number, and is not scanned for runs.
_VI_COUNTING = ("mười", "mươi", "trăm", "nghìn", "ngàn", "triệu", "tỷ")
_TI = re.compile(r"tỉ(?!\w)")  # "tỉ" (billion), not the "tỉ" of "tỉnh"


def _vi_numbers(text: str) -> set[float]:
    found = set()
    lowered = text.lower()
    if not any(word in lowered for word in _VI_COUNTING) and not _TI.search(lowered):
        return found
    for match in _VI_WORDS.finditer(text):
        if text[: match.start()].rstrip()[-1:].isdigit():
            continue  # the scale of a written number: "1,2 nghìn" (read with the digits)
        words = match.group().lower().split()
        # "năm" is also "year": five only before a multiplier ("năm trăm") or after linh/lẻ
        # ("ba trăm linh năm"); after ten, five is "lăm", so "hai mươi năm" is twenty years.
        for i, word in enumerate(words):
            multiplier = i + 1 < len(words) and words[i + 1] in ("mươi", "trăm", *_SCALES)
            if word == "năm" and not multiplier and (i == 0 or words[i - 1] not in ("linh", "lẻ")):
                words = words[:i]
                break
        value = _vi_value(words)
        if value:
            found.add(value)
    return found


def number_keys(body: str) -> set[str]:
    values: set[float] = set()
    for raw, scale, units in _NUMBER.findall(body):
        if units:
            values.add(_cjk_value(_cjk_tokens(raw + units)))
        elif scale:
            values.add(_digits_value(raw) * _SCALES[scale.lower()])
        else:
            value = _digits_value(raw)
            values.add(int(value))  # a decimal without a scale: its whole part
    for run in _KANJI_NUMBER.findall(body):
        tokens = _cjk_tokens(run)
        if any(kind != "digit" for kind, _ in tokens):  # 一二 is a list, not a number
            values.add(_cjk_value(tokens))
    values |= _vi_numbers(body)
    return {f"n:{round(value)}" for value in values if value >= MIN_NUMBER}


# --- dates ---------------------------------------------------------------------------------
_VI_MONTHS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}  # fmt: skip
_MONTH_WORD = "|".join(sorted(_VI_MONTHS, key=len, reverse=True))
_DATES = (
    # vi: day, month ("ngày 5 tháng 3", "ngày 14 tháng Tư", "5/3", "5-3-2024")
    re.compile(rf"ngày\s+(\d{{1,2}})\s+tháng\s+(\d{{1,2}}|{_MONTH_WORD})(?!\w)", re.I),
    re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/\d{2,4})?\b"),
)
_DATE_JA = re.compile(r"(\d{1,2})月(\d{1,2})日")  # ja/zh: month, day
_DATE_KO = re.compile(r"(\d{1,2})월\s*(\d{1,2})일")  # ko: month, day
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan", "janvier"),
            ("february", "feb", "février", "fevrier"),
            ("march", "mar", "mars"),
            ("april", "apr", "avril"),
            ("may", "mai"),
            ("june", "jun", "juin"),
            ("july", "jul", "juillet"),
            ("august", "aug", "août", "aout"),
            ("september", "sep", "sept", "septembre"),
            ("october", "oct", "octobre"),
            ("november", "nov", "novembre"),
            ("december", "dec", "décembre", "decembre"),
        ],
        start=1,
    )
    for m in names
}
_DATE_EN = re.compile(r"\b([A-Za-zéû]{3,9})\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+([A-Za-zéû]{3,9})\b")


def _month(raw: str) -> int:
    return int(raw) if raw.isdigit() else _VI_MONTHS[" ".join(raw.lower().split())]


_DIGIT = re.compile(r"\d")


def date_keys(text: str) -> set[str]:
    found = set()
    if not _DIGIT.search(text):  # every date pattern holds a digit (\d, as they match it)
        return found
    for pattern in _DATES:
        for day, month in pattern.findall(text):
            if 1 <= _month(month) <= 12 and 1 <= int(day) <= 31:
                found.add(f"d:{_month(month)}-{int(day)}")
    for pattern, month_mark in ((_DATE_JA, "月"), (_DATE_KO, "월")):
        if month_mark not in text:
            continue
        for month, day in pattern.findall(text):
            if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
                found.add(f"d:{int(month)}-{int(day)}")
    for name1, day1, day2, name2 in _DATE_EN.findall(text):
        month = _MONTHS.get((name1 or name2).lower())
        day = int(day1 or day2)
        if month and 1 <= day <= 31:
            found.add(f"d:{month}-{day}")
    return found
