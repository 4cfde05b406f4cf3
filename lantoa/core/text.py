"""Vietnamese text utilities used by every app.

Vietnamese arrives in two Unicode forms (precomposed NFC and decomposed NFD) and people type it with
or without diacritics. Everything stored is NFC; search also keeps a *folded* form (tone and vowel
marks removed, đ/Đ → d/D) so that "quy nhon" finds "Quy Nhơn".
"""

import html
import re
import unicodedata
from datetime import date, datetime

from django.utils import timezone

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
# Zero-width and BOM characters that sneak in from Word and web pages.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_SYLLABLE = re.compile(r"\w+", re.UNICODE)


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC (the precomposed form Vietnamese is stored in)."""
    return unicodedata.normalize("NFC", text)


def _fold_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


class _FoldTable(dict):
    """Character → folded character, filled on first sight, for `str.translate` (C speed: the
    ingest pipeline folds every token of every item)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_slow(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Remove diacritics and map đ/Đ to d/D: "Đồng bào Quy Nhơn" → "Dong bao Quy Nhon".

    Case is kept; the result is NFC and folding it again changes nothing.
    """
    if text.isascii():
        return text
    # Per character on the NFC text (a lone combining mark folds to ""), then NFC again for the
    # rare sequence that recomposes: the same result as decomposing the whole text at once.
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).translate(_FOLD_TABLE))


def fold_lower(text: str) -> str:
    """The key for accent- and case-insensitive comparison."""
    return fold(text).casefold()


def has_diacritics(text: str) -> bool:
    """True when `text` carries any Vietnamese mark (so a query means to match exactly)."""
    return fold(text) != nfc(text)


def clean_text(text: str, *, keep_paragraphs: bool = True) -> str:
    """NFC, HTML entities decoded, invisible characters removed, white space collapsed.

    With `keep_paragraphs`, line breaks between paragraphs survive as a single blank line.
    """
    text = html.unescape(html.unescape(text)) if "&" in text else text
    text = _INVISIBLE.sub("", nfc(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ")
    if not keep_paragraphs:
        return " ".join(text.split())
    text = _SPACES.sub(" ", text)
    paragraphs = [" ".join(p.split()) for p in _BLANK_LINES.split(text)]
    lines = ["\n".join(line.strip() for line in p.split("\n")) for p in paragraphs]
    return "\n\n".join(p for p in lines if p).strip()


def syllables(text: str) -> list[str]:
    """Split Vietnamese text into syllables (the space-separated units of the written language)."""
    return _SYLLABLE.findall(nfc(text))


def vn_number(value) -> str:
    """A figure as Vietnamese documents write it: a decimal comma ("96,7"); other values as is."""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def vn_date(value: date | datetime) -> str:
    """Format a date the way Vietnamese documents do: "ngày 15 tháng 6 năm 2023".

    Administrative rules pad a day below 10 and the months 1 and 2 with a zero ("ngày 05 tháng 02"),
    so that nobody can add a digit afterwards.
    """
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def vn_place_date(place: str, value: date | datetime) -> str:
    """The place-and-date line of a document: "Quy Nhơn, ngày 15 tháng 6 năm 2023"."""
    return f"{place}, {vn_date(value)}"
