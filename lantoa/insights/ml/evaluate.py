"""Train-and-test evaluation shared by the management commands and `make eval`."""

from collections.abc import Sequence
from typing import Any

from sklearn.model_selection import StratifiedKFold

from .language import detect_language
from .lexicon import lexicon_tone
from .metrics import classification_figures
from .pipelines import build_baseline_pipeline, build_pipeline
from .tone import METHODS, LanguageToneModel, read_tones

MAX_FOLDS = 5


def cv_folds(labels: list[str]) -> StratifiedKFold:
    """The folds every figure of a model version is computed on (fixed seed, reproducible)."""
    smallest = min(labels.count(value) for value in set(labels))
    return StratifiedKFold(n_splits=min(MAX_FOLDS, smallest), shuffle=True, random_state=0)


def cv_strata(labels: Sequence[str], langs: Sequence[str], n_splits: int) -> list[str]:
    """What the tone folds are stratified on: label and language together when every such group
    has a row for each fold, else the label alone. Each language's model is trained and scored
    inside the folds, so each fold must hold that language's classes in their proportions; on
    labels alone a language's few negatives can all fall in one fold. One language: the same
    folds as the label alone."""
    strata = [f"{lang}:{label}" for lang, label in zip(langs, labels, strict=True)]
    smallest = min(strata.count(value) for value in set(strata))
    return strata if smallest >= n_splits else list(labels)


def evaluate_classifier(
    task: str,
    train_texts: Sequence[str],
    train_labels: Sequence[str],
    test_texts: Sequence[str],
    test_labels: Sequence[str],
    *,
    with_baseline: bool = True,
) -> dict[str, Any]:
    """Fit the product pipeline for `task` on train, score on test; the baselines beside it."""
    labels = sorted(set(train_labels) | set(test_labels))
    model = build_pipeline(task).fit(list(train_texts), list(train_labels))
    result: dict[str, Any] = {
        "task": task,
        "train_size": len(train_texts),
        "test_size": len(test_texts),
        "model": classification_figures(test_labels, model.predict(list(test_texts)), labels),
    }
    if with_baseline:
        baseline = build_baseline_pipeline().fit(list(train_texts), list(train_labels))
        result["baseline_tfidf_linearsvc"] = classification_figures(
            test_labels, baseline.predict(list(test_texts)), labels
        )
        if task == "tone" and set(test_labels) <= {"positive", "neutral", "negative"}:
            result["baseline_lexicon"] = classification_figures(
                test_labels, [lexicon_tone(t) for t in test_texts], labels
            )
    return result


def _languages(texts: Sequence[str], langs: Sequence[str] | None) -> list[str]:
    """Each row's language: its "lang" field when given, else detected."""
    langs = list(langs or [""] * len(texts))
    return [code or detect_language(text) or "vi" for text, code in zip(texts, langs, strict=True)]


def _per_language(test_labels, predicted, langs, extra=None) -> dict[str, Any]:
    out = {}
    for lang in sorted(set(langs)):
        idx = [i for i, code in enumerate(langs) if code == lang]
        truth = [test_labels[i] for i in idx]
        # Macro-F1 over the classes this language's data has (zh has no neutral).
        figures = classification_figures(truth, [predicted[i] for i in idx], sorted(set(truth)))
        out[lang] = {"n": len(idx), **(extra(lang) if extra else {}), **figures}
    return out


def evaluate_tone(
    test_texts: Sequence[str],
    test_labels: Sequence[str],
    test_langs: Sequence[str] | None = None,
    train_texts: Sequence[str] | None = None,
    train_labels: Sequence[str] | None = None,
    train_langs: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Tone per language. Without training data: the out-of-the-box analysers the product uses
    before any label. With it: the learned per-language model, the out-of-the-box figures beside.
    """
    langs = _languages(test_texts, test_langs)
    labels = sorted(set(test_labels) | set(train_labels or []))
    ootb = [reading.label for reading in read_tones(test_texts, langs)]
    result: dict[str, Any] = {"task": "tone", "test_size": len(test_texts)}
    ootb_langs = _per_language(test_labels, ootb, langs, lambda code: {"method": METHODS[code]})
    if not train_texts:
        result["mode"] = "out_of_the_box"
        result["model"] = classification_figures(test_labels, ootb, labels)
        result["languages"] = ootb_langs
        return result
    fit_langs = _languages(train_texts, train_langs)
    model = LanguageToneModel.fit_texts(list(train_texts), list(train_labels), fit_langs)
    learned = model.predict(list(test_texts), langs)
    result.update(
        mode="learned",
        train_size=len(train_texts),
        model=classification_figures(test_labels, learned, labels),
        languages=_per_language(test_labels, learned, langs),
        out_of_the_box=classification_figures(test_labels, ootb, labels),
        out_of_the_box_languages=ootb_langs,
    )
    baseline = build_baseline_pipeline().fit(list(train_texts), list(train_labels))
    result["baseline_tfidf_linearsvc"] = classification_figures(
        test_labels, baseline.predict(list(test_texts)), labels
    )
    result["baseline_lexicon"] = result["out_of_the_box"]
    return result


def evaluate_language(texts: Sequence[str], langs: Sequence[str]) -> dict[str, Any]:
    """Language-ID figures for `texts` whose true languages are `langs`."""
    predicted = [detect_language(text) or "?" for text in texts]
    return classification_figures(langs, predicted, sorted(set(langs) | set(predicted)))
