"""Train-and-test evaluation shared by the management commands and `make eval`."""

from collections.abc import Sequence
from typing import Any

from sklearn.model_selection import StratifiedKFold

from .language import detect_language
from .lexicon import lexicon_tone
from .metrics import classification_figures
from .pipelines import build_baseline_pipeline, build_pipeline

MAX_FOLDS = 5


def cv_folds(labels: list[str]) -> StratifiedKFold:
    """The folds every figure of a model version is computed on (fixed seed, reproducible)."""
    smallest = min(labels.count(value) for value in set(labels))
    return StratifiedKFold(n_splits=min(MAX_FOLDS, smallest), shuffle=True, random_state=0)


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


def evaluate_language(texts: Sequence[str], langs: Sequence[str]) -> dict[str, Any]:
    """Language-ID figures for `texts` whose true languages are `langs`."""
    predicted = [detect_language(text) or "?" for text in texts]
    return classification_figures(langs, predicted, sorted(set(langs) | set(predicted)))
