"""Classification figures computed one way everywhere (eval command, bench, model versions)."""

from collections.abc import Sequence
from typing import Any

from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support


def classification_figures(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] | None = None
) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision/recall/F1/support and the confusion matrix."""
    labels = list(labels) if labels is not None else sorted(set(y_true) | set(y_pred))
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0
    )
    matrix = confusion_matrix(y_true, y_pred, labels=labels)
    return {
        "n": len(y_true),
        "accuracy": float(accuracy_score(y_true, y_pred)) if len(y_true) else 0.0,
        "macro_f1": float(f1.mean()) if len(labels) else 0.0,
        "labels": labels,
        "per_class": {
            label: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        # rows = true label, columns = predicted label, both in `labels` order
        "confusion": matrix.tolist(),
    }


def format_figures(figures: dict[str, Any], *, title: str = "") -> str:
    """A plain-text report: headline figures, per-class table, confusion matrix."""
    labels = figures["labels"]
    width = max([len(str(label)) for label in labels] + [5])
    lines = []
    if title:
        lines.append(title)
    lines.append(
        f"n={figures['n']}  accuracy={figures['accuracy']:.4f}  macro-F1={figures['macro_f1']:.4f}"
    )
    lines.append(f"{'class':<{width}}  precision  recall  f1      support")
    for label in labels:
        row = figures["per_class"][label]
        lines.append(
            f"{label:<{width}}  {row['precision']:.4f}     {row['recall']:.4f}  "
            f"{row['f1']:.4f}  {row['support']}"
        )
    lines.append("confusion (rows = true, columns = predicted):")
    short = [str(label)[:6] for label in labels]
    lines.append(" " * (width + 2) + " ".join(f"{s:>6}" for s in short))
    for label, row in zip(labels, figures["confusion"], strict=True):
        lines.append(f"{label:<{width}}  " + " ".join(f"{v:>6}" for v in row))
    return "\n".join(lines)
