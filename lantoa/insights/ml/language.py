"""Language identification restricted to the office's languages: vi, en, zh, ko, ja, fr.

Three layers, cheapest first:
1. Script: Hangul → ko; kana → ja; Han with no Latin letters → zh; a letter only Vietnamese uses
   (ơ, ư, ă, đ, ạ, ả, ế, …) → vi. These are certain and cost nothing.
2. Long text (more than `SHORT_WORDS` words): py3langid restricted to the six languages
   (multinomial naive Bayes over byte n-grams; 99.9 % on news sentences).
3. Short text (headlines of two or three words, tags): lingua, whose n-gram models up to
   five-grams are much better on a couple of words (py3langid confuses en/fr word pairs).
"""

import re
from functools import lru_cache

from lantoa.core.text import nfc
from lantoa.monitoring.pipeline.language import followed_identifier, identifier

LANGUAGES = ("vi", "en", "zh", "ko", "ja", "fr")
SHORT_WORDS = 4

_HANGUL = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
# Letters no other office language writes: horn/breve vowels, đ, and the dot-below / hook-above
# tone marks. (à, é, ê, ô … are shared with French and prove nothing.)
_VIETNAMESE_ONLY = re.compile(
    "[ăắằẳẵặơớờởỡợưứừửữựđạảấầẩẫậẹẻẽếềểễệỉịọỏốồổỗộụủỳỵỷỹĩũẠẢẤẦẨẪẬẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỤỦỲỴỶỸĨŨĂẮẰẲẴẶƠỚỜỞỠỢƯỨỪỬỮỰĐ]"
)


@lru_cache(maxsize=1)
def _langid():
    # The model the ingest pipeline loaded (one copy per worker), with probabilities normalised.
    identifier = followed_identifier(norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


@lru_cache(maxsize=1)
def _lingua():
    from lingua import Language, LanguageDetectorBuilder

    mapping = {
        Language.VIETNAMESE: "vi",
        Language.ENGLISH: "en",
        Language.CHINESE: "zh",
        Language.KOREAN: "ko",
        Language.JAPANESE: "ja",
        Language.FRENCH: "fr",
    }
    detector = LanguageDetectorBuilder.from_languages(*mapping).build()
    return detector, mapping


def by_script(text: str) -> str:
    """The language the writing system alone proves, or "" when it proves nothing."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text) and not _LATIN.search(text):
        return "zh"
    if _VIETNAMESE_ONLY.search(text):
        return "vi"
    return ""


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text` among LANGUAGES, or "" for empty text."""
    text = nfc(text or "").strip()
    if not text:
        return ""
    script = by_script(text)
    if script:
        return script
    if len(text.split()) <= SHORT_WORDS:
        detector, mapping = _lingua()
        found = detector.detect_language_of(text)
        if found is not None:
            return mapping[found]
    return _langid().classify(text)[0]


def warm_up() -> None:
    """Load both detectors' models now: py3langid's (for this module and the ingest pipeline,
    one shared copy) and lingua's for the Latin-script languages. lingua reads a model order
    only when a word is that long: a warm-up text of short words ("warm up") left the five-grams,
    70 MB, to the first long word of a worker's first batch."""
    _langid()
    identifier()
    detect_language("Lantoa warms up")
