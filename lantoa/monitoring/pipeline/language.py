"""Stage 5: language with py3langid, limited to the languages the office follows.

The detector is trusted over the page's `lang` attribute (often a site-wide default); the hint is
used only when there is too little text to judge.

The detector is only asked where the answer is not already certain from the letters: most items
are Vietnamese, and a text in which at least a third of the words carry a letter that only
Vietnamese uses among the followed languages (ă, đ, ơ, ư, a hook above, a dot below, …) is
Vietnamese. (An English or French article naming "Quy Nhơn" or "Đà Nẵng" stays far below that
share and goes to the detector.) `bench/eval_language.py` checks the shortcut against py3langid.
"""

import unicodedata
from functools import lru_cache

from ..batch import Batch
from ..constants import LANGUAGES_FOLLOWED

MIN_CHARS = 12
SAMPLE_CHARS = 400
# The letter shortcut needs this many words, and this share of them with a Vietnamese-only letter.
SHORTCUT_MIN_WORDS = 8
SHORTCUT_MIN_SHARE = 0.34
# Combining marks that, among the followed languages, only Vietnamese puts on a letter: breve (ă),
# horn (ơ, ư), hook above (ả), dot below (ạ), tilde (ã); acute, grave on letters French never
# marks that way are left to the detector.
_VI_MARKS = {"\u0306", "\u031b", "\u0309", "\u0323", "\u0303"}


@lru_cache(maxsize=4096)
def _vietnamese_only(char: str) -> bool:
    if char in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", char)
    # A Latin letter only: Cyrillic й carries a breve too.
    return decomposed[0].isascii() and any(mark in _VI_MARKS for mark in decomposed[1:])


@lru_cache(maxsize=1)
def _followed_model() -> tuple:
    """py3langid's model with the followed languages' columns only, loaded once per process.

    `set_languages` would slice the same columns but keep the full table (142 languages, 28 MB)
    for a later reset that nothing here makes; every identifier of the process shares these
    arrays instead of loading its own copy (75 MB each)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full = LanguageIdentifier.from_model_file(MODEL_FILE)
    keep = [i for i, code in enumerate(full.nb_classes) if code in LANGUAGES_FOLLOWED]
    return (
        full.nb_ptc[:, keep],
        full.nb_pc[keep],
        [full.nb_classes[i] for i in keep],
        full.tk_nextmove,
        full.tk_output,
        full.tk_row,
    )


def followed_identifier(*, norm_probs: bool = False):
    """A py3langid identifier over the followed languages (as `set_languages` would restrict
    it), sharing the one loaded model."""
    from py3langid.langid import LanguageIdentifier

    ptc, pc, classes, nextmove, output, row = _followed_model()
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs, tk_row=row)


@lru_cache(maxsize=1)
def identifier():
    return followed_identifier()


def surely_vietnamese(sample: str) -> bool:
    """True when the letters alone settle it (see the module docstring)."""
    words = sample.split()
    if len(words) < SHORTCUT_MIN_WORDS or "vi" not in LANGUAGES_FOLLOWED:
        return False
    marked = sum(1 for word in words if not word.isascii() and any(map(_vietnamese_only, word)))
    return marked >= SHORTCUT_MIN_SHARE * len(words)


def detect(text: str, *, hint: str = "", default: str = "") -> str:
    sample = text[:SAMPLE_CHARS]
    hint = (hint or "").split("-")[0].lower()
    if len("".join(sample.split())) < MIN_CHARS:
        if hint in LANGUAGES_FOLLOWED:
            return hint
        if not sample.strip():
            return default
    if surely_vietnamese(sample):
        return "vi"
    return identifier().classify(sample)[0]


def run(batch: Batch) -> Batch:
    default = batch.source.language

    def language(candidate) -> None:
        sample = " ".join(filter(None, (candidate.title, candidate.summary, candidate.text)))
        candidate.language = detect(sample, hint=candidate.lang_hint, default=default)

    batch.apply(language)
    return batch
