"""Stage 5: language with py3langid, limited to the languages the office follows.

The detector is trusted over the page's `lang` attribute (often a site-wide default); the hint is
used only when there is too little text to judge.
"""

from functools import lru_cache

from ..batch import Batch
from ..constants import LANGUAGES_FOLLOWED

MIN_CHARS = 12
SAMPLE_CHARS = 600


@lru_cache(maxsize=1)
def identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages(list(LANGUAGES_FOLLOWED))
    return ident


def detect(text: str, *, hint: str = "", default: str = "") -> str:
    sample = text[:SAMPLE_CHARS]
    hint = (hint or "").split("-")[0].lower()
    if len("".join(sample.split())) < MIN_CHARS:
        if hint in LANGUAGES_FOLLOWED:
            return hint
        if not sample.strip():
            return default
    return identifier().classify(sample)[0]


def run(batch: Batch) -> Batch:
    default = batch.source.language

    def language(candidate) -> None:
        sample = " ".join(filter(None, (candidate.title, candidate.summary, candidate.text)))
        candidate.language = detect(sample, hint=candidate.lang_hint, default=default)

    batch.apply(language)
    return batch
