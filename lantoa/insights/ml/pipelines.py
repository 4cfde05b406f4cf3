"""The topic and tone classifier pipelines the product trains (scikit-learn, offline).

Text is NFC-normalised and case-folded first (VNTC and office data mix NFC and NFD forms). Features
are TF-IDF over Vietnamese syllables (the space-separated units, so "Quy Nhơn" gives the unigrams
"quy", "nhơn" and the bigram "quy nhơn"); the tone pipeline adds character n-grams inside word
boundaries, which catch spelling variants and unsegmented compounds in short comments.

Choices measured on third-party data (see bench/eval_insights.py; 5-fold CV on VNTC, macro-F1):
- topic: numbers folded to "0" (dates, prices and scores say little about the section); syllable
  1–2-grams with sublinear tf (a syllable bigram is how a Vietnamese compound such as "quốc hội"
  or "bóng đá" shows up without a word segmenter), plus the headline's own 1–2-grams at weight
  0.3 (the headline is the densest statement of the topic); a linear SVM with C = 3.
  CV 0.902 against 0.879 for plain TF-IDF + LinearSVC. Tried and dropped: character n-grams
  (slower, no gain), 1–3-grams, complement naive Bayes, SGD, ridge and their ensembles (within
  ±0.002), logistic regression (0.894, and ten times slower to train). Uncertainty for the
  active-learning queue comes from the SVM's margins.
- tone: syllable 1–3-grams + char_wb 1–5-grams + class-balanced LinearSVC (the neutral class is
  rare); probabilities come from the decision margins.
"""

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC

from lantoa.core.text import nfc

from .language import LANGUAGES
from .tone import en_direction_classes

TASKS = ("topic", "tone")
TOPIC_C = 3.0
TOPIC_HEADLINE_WEIGHT = 0.3
# Per-language choices of the learned tone pipeline, by CV on training data only: ja's own
# lexicon adds nothing there (5-fold CV, seeds 1 and 2: 0.743 with it vs 0.764 without, C = 0.5).
TONE_C = {"ja": 0.5}
TONE_WITHOUT_ANALYSER = ("ja",)
# Syllables and numbers; a single letter ("ý", "ở") is a real Vietnamese word.
TOKEN_PATTERN = r"(?u)\b\w+\b"  # noqa: S105 (a regex, not a password)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def normalise(texts: Sequence[str]) -> list[str]:
    """NFC + case-fold, the only preprocessing every pipeline shares."""
    return [nfc(text or "").casefold() for text in texts]


def fold_numbers(texts: Sequence[str]) -> list[str]:
    """Every number (12, 2.500, 3,5) becomes "0": the topic does not depend on its value."""
    return [_NUMBER.sub("0", text) for text in texts]


def headlines(texts: Sequence[str]) -> list[str]:
    """The first non-empty line of each document (items are read as title, summary, body)."""
    return [next((line for line in text.split("\n") if line.strip()), "") for text in texts]


def _normaliser() -> FunctionTransformer:
    return FunctionTransformer(normalise, validate=False)


def _syllable_ngrams(*, min_df: int) -> TfidfVectorizer:
    return TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, min_df=min_df, token_pattern=TOKEN_PATTERN
    )


def build_pipeline(task: str) -> Pipeline:
    """A fresh, unfitted product pipeline for `task` ("topic" or "tone")."""
    if task == "topic":
        return Pipeline(
            [
                ("normalise", _normaliser()),
                ("numbers", FunctionTransformer(fold_numbers, validate=False)),
                (
                    "features",
                    FeatureUnion(
                        [
                            ("document", _syllable_ngrams(min_df=2)),
                            (
                                "headline",
                                Pipeline(
                                    [
                                        ("first_line", FunctionTransformer(headlines)),
                                        ("tfidf", _syllable_ngrams(min_df=1)),
                                    ]
                                ),
                            ),
                        ],
                        transformer_weights={"document": 1.0, "headline": TOPIC_HEADLINE_WEIGHT},
                    ),
                ),
                ("clf", LinearSVC(C=TOPIC_C)),
            ]
        )
    if task == "tone":
        return Pipeline(
            [
                ("normalise", _normaliser()),
                (
                    "features",
                    FeatureUnion(
                        [
                            (
                                "syllables",
                                TfidfVectorizer(
                                    ngram_range=(1, 3),
                                    sublinear_tf=True,
                                    token_pattern=TOKEN_PATTERN,
                                ),
                            ),
                            (
                                "chars",
                                TfidfVectorizer(
                                    analyzer="char_wb",
                                    ngram_range=(1, 5),
                                    sublinear_tf=True,
                                    min_df=2,
                                ),
                            ),
                        ]
                    ),
                ),
                ("clf", LinearSVC(C=0.5, class_weight="balanced")),
            ]
        )
    raise ValueError(f"unknown task {task!r}; expected one of {TASKS}")


def build_baseline_pipeline() -> Pipeline:
    """The plain reference: default TF-IDF + LinearSVC, no Vietnamese-specific choices."""
    return Pipeline([("tfidf", TfidfVectorizer()), ("clf", LinearSVC())])


def class_probabilities(model: Pipeline, texts: Sequence[str], langs=None) -> np.ndarray:
    """Per-class scores summing to 1 (softmax of margins when the model gives no probabilities).

    `langs`: the texts' languages, for a per-language model (ignored by a single pipeline)."""
    if langs is not None and hasattr(model, "pooled"):
        margins = np.asarray(model.decision_function(list(texts), langs), dtype=float)
        exp = np.exp(margins - margins.max(axis=1, keepdims=True))
        return exp / exp.sum(axis=1, keepdims=True)
    if hasattr(model, "predict_proba"):
        try:
            return model.predict_proba(list(texts))
        except AttributeError:
            pass
    margins = np.asarray(model.decision_function(list(texts)), dtype=float)
    if margins.ndim == 1:  # binary: one margin for the positive class
        margins = np.column_stack([-margins, margins])
    exp = np.exp(margins - margins.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def uncertainty(model: Pipeline, texts: Sequence[str]) -> list[float]:
    """1 − (top probability − runner-up): 1.0 is a coin toss, 0.0 is certain (margin sampling)."""
    probs = class_probabilities(model, texts)
    if probs.shape[1] < 2:
        return [0.0] * len(probs)
    top_two = np.sort(probs, axis=1)[:, -2:]
    return [float(1.0 - (row[1] - row[0])) for row in top_two]


# Set by `known_languages` around a batch's prediction: normalised text → the item's language.
_KNOWN_LANGUAGES: ContextVar[dict[str, str] | None] = ContextVar("known_languages", default=None)


@contextmanager
def known_languages(texts: Sequence[str], langs: Sequence[str]) -> Iterator[None]:
    """Within this block the pooled model's analyser reads each of `texts` in the language the
    pipeline already identified for it (`langs`), instead of detecting it a second time (the
    per-language models are told their language anyway). Thread- and task-local."""
    known = {
        text: lang for text, lang in zip(normalise(texts), langs, strict=True) if lang in LANGUAGES
    }
    token = _KNOWN_LANGUAGES.set(known)
    try:
        yield
    finally:
        _KNOWN_LANGUAGES.reset(token)


def analyser_features(texts: Sequence[str], lang: str = "") -> csr_matrix:
    """The out-of-the-box analyser's reading of each text as three features (score, positive,
    negative): the learned model starts from what the lexicon or VADER already knows and learns
    the corpus' own words on top. `lang` "" = each text's language: the one the batch knows
    (`known_languages`), else detected (pooled model)."""
    from .tone import read_tones

    texts = list(texts)
    known = (_KNOWN_LANGUAGES.get() or {}) if not lang else {}
    readings = read_tones(texts, [lang or known.get(text, "") for text in texts])
    return csr_matrix(
        np.array(
            [[r.score, r.label == "positive", r.label == "negative"] for r in readings],
            dtype=float,
        ).reshape(-1, 3)
    )


# Vietnamese negators: the syllables after one, to the next punctuation mark, are read as negated.
VI_NEGATORS = frozenset(("không", "chưa", "chẳng", "đừng", "chả"))
_VI_CLAUSE = re.compile(r"[^.,;:!?()\n]+|[.,;:!?()\n]")
_SYLLABLE = re.compile(TOKEN_PATTERN)


def mark_vi_negation(texts: Sequence[str]) -> list[str]:
    """Each syllable after a negator, up to the next punctuation mark, gets the prefix "neg_"
    ("không hiểu bài" → "không neg_hiểu neg_bài"), so "hiểu" and "không hiểu" are different words
    to the classifier (negation scope, Pang et al. 2002). Texts are already case-folded."""
    marked = []
    for text in texts:
        parts = []
        for clause in _VI_CLAUSE.findall(text):
            words, negated = [], False
            for word in _SYLLABLE.findall(clause):
                words.append(f"neg_{word}" if negated else word)
                negated = negated or word in VI_NEGATORS
            parts.append(" ".join(words) or clause)
        marked.append(" ".join(parts))
    return marked


def build_tone_pipeline(lang: str) -> Pipeline:
    """The learned tone pipeline for one language ("" = the pooled model over every language).

    Features: where words are not separated by spaces (zh, ja) character 1–3-grams, elsewhere
    word 1–2-grams + char_wb 2–5-grams (Korean separates words by spaces: char_wb reads its
    particles off the stems); beside them the out-of-the-box analyser's reading
    (`analyser_features`; not for ja); for en, 1–3-grams of its quantities and directions as
    classes (`en_direction_classes`: "more_bad down" is a loss that narrowed; 5 folds × 5 seeds
    of en dev, +0.016 macro-F1, 23 of 25 folds). Class-balanced LinearSVC, C = 1 (ja 0.5).
    Chosen by 3-fold CV on the training 80% only (docs/operations-insights.md). Tried later and
    not kept, each within ±0.01 of this under 3-fold CV × 2 seeds (fold sd about 0.02): C 0.3,
    logistic regression, char 1–4-grams everywhere, the analyser's features weighted 2–4×, a
    blend with complement naive Bayes. For vi, on 5 folds × 3 seeds of UIT-VSFC train:
    negation-scope marking on the word features (`mark_vi_negation`, +0.005 mean, 11 of 15
    folds) is used; syllable 1–3-grams, NB-SVM, C by inner CV, other class weights were not
    kept."""
    if lang in ("zh", "ja"):
        text_features = TfidfVectorizer(
            analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2
        )
    else:
        words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=TOKEN_PATTERN)
        if lang == "vi":
            words = Pipeline(
                [("negation", FunctionTransformer(mark_vi_negation)), ("tfidf", words)]
            )
        text_features = FeatureUnion(
            [
                ("words", words),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
                    ),
                ),
            ]
        )
    features = [("text", text_features)]
    if lang == "en":
        directions = TfidfVectorizer(
            ngram_range=(1, 3), sublinear_tf=True, token_pattern=TOKEN_PATTERN
        )
        classes = FunctionTransformer(en_direction_classes)
        features.append(("directions", Pipeline([("classes", classes), ("tfidf", directions)])))
    if lang not in TONE_WITHOUT_ANALYSER:
        analyser = FunctionTransformer(
            analyser_features, kw_args={"lang": lang}, validate=False, accept_sparse=True
        )
        features.append(("analyser", analyser))
    return Pipeline(
        [
            ("normalise", _normaliser()),
            ("features", FeatureUnion(features)),
            ("clf", LinearSVC(C=TONE_C.get(lang, 1.0), class_weight="balanced")),
        ]
    )
