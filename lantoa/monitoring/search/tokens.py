"""The two indexed forms of a text: exact (with diacritics) and folded.

Both are lists of lower-case tokens computed here in Python, so that SQLite and PostgreSQL index
exactly the same words and a query is tokenised the same way as the text it searches. A token is a
run of letters and digits; Chinese and Japanese characters (written without spaces) are one token
each, so a query in those languages matches as a phrase of characters.

Folded form: diacritics removed and đ → d (`lantoa.core.text.fold`), then the Vietnamese i/y
spelling variants unified: a syllable made of one of the onsets qu, k, l, m, t, h, s followed by a
bare "i" is written with "y" ("Qui Nhơn" → "quy nhon", "kĩ" → "ky", "lí" → "ly", "Mĩ" → "my",
"hi sinh" → "hy sinh", "bác sĩ" → "bac sy"). Both spellings are in use, so a bare query must find
both. Queries typed with diacritics use the exact form and are not unified.
"""

import re
import unicodedata
from functools import lru_cache

from lantoa.core.text import fold, nfc

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN_PATTERN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
_I_Y_SYLLABLE = re.compile(r"^(qu|k|l|m|t|h|s)i$")
# PostgreSQL refuses lexemes over 2 KB; no real word is this long.
MAX_TOKEN_LENGTH = 100


def exact_tokens(text: str) -> list[str]:
    """Lower-case NFC tokens with their diacritics."""
    return [t for t in TOKEN_PATTERN.findall(nfc(text).casefold()) if len(t) <= MAX_TOKEN_LENGTH]


@lru_cache(maxsize=65_536)
def fold_token(token: str) -> str:
    """The folded, i/y-unified form of one lower-case token (kept for the next: a page's
    highlighting folds the same few hundred words again and again)."""
    return _unify_i_y(fold(token))


def _unify_i_y(folded: str) -> str:
    # Only syllables of two or three letters ending in "i" can change: skip the regex otherwise.
    if len(folded) > 3 or not folded.endswith("i"):
        return folded
    return _I_Y_SYLLABLE.sub(r"\1y", folded)


class _FoldLowerTable(dict):
    """Character → `fold(fold(c).casefold())`, filled on first sight, for one `str.translate`.

    Folded before and after case folding: casefold can give letters with marks ("İ" → "i̇") and
    turns the combining ypogegrammeni into a letter. One pass over this table and an NFC equal
    those three passes over the text (checked by a property test against them).
    """

    def __missing__(self, code: int) -> str:
        folded = fold(fold(chr(code)).casefold())
        self[code] = folded
        return folded


_FOLD_LOWER = _FoldLowerTable()


def fold_lower_text(text: str) -> str:
    """`text` without diacritics, case-folded: the string the folded tokens are cut from."""
    return unicodedata.normalize("NFC", nfc(text).translate(_FOLD_LOWER))


def folded_tokens(text: str) -> list[str]:
    """Lower-case tokens without diacritics, i/y variants unified."""
    return _unified(TOKEN_PATTERN.findall(fold_lower_text(text)))


def _unified(tokens: list[str]) -> list[str]:
    return [
        token if len(token) > 3 or token[-1] != "i" else _unify_i_y(token)
        for token in tokens
        if len(token) <= MAX_TOKEN_LENGTH
    ]


class _CaseOnly(dict):
    """Character → True when folding it (`_FOLD_LOWER`) changes nothing but its case."""

    def __missing__(self, character: str) -> bool:
        same = _FOLD_LOWER[ord(character)] == character.casefold()
        self[character] = same
        return same


_CASE_ONLY = _CaseOnly()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def both_tokens(text: str) -> tuple[list[str], list[str]]:
    """`exact_tokens(text)` and `folded_tokens(text)`, the text cut once when folding it changes
    nothing but its case (text without a diacritic: most that is not Vietnamese). Then the folded
    string is the case-folded one, so its tokens are the exact ones, i/y-unified; the index
    writes both forms of every item."""
    text = nfc(text)
    lowered = text.casefold()
    exact = [t for t in TOKEN_PATTERN.findall(lowered) if len(t) <= MAX_TOKEN_LENGTH]
    # Then the case-folded text is NFC already, as the folded one is: over all of Unicode, no
    # letter whose folding is its case folding composes with what may follow it.
    if text.isascii() or all(_CASE_ONLY[c] for c in set(_NON_ASCII.findall(text))):
        return exact, _unified(exact)
    return exact, folded_tokens(text)
