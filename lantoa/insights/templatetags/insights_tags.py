from django import template

from ..constants import Tone
from ..selectors import story_summary as summarise
from ..selectors import story_trace as trace

register = template.Library()


@register.filter
def per_class_rows(model):
    """Per-class figures of a model version beside its baseline's, one row per class."""
    rows = []
    base = model.baseline_metrics.get("per_class", {})
    for label, row in model.metrics.get("per_class", {}).items():
        other = base.get(label, {})
        rows.append(
            {
                "label": label,
                "p": row["precision"],
                "r": row["recall"],
                "f1": row["f1"],
                "bp": other.get("precision"),
                "br": other.get("recall"),
                "bf1": other.get("f1"),
                "support": row["support"],
            }
        )
    return rows


@register.filter
def story_summary(story):
    """Items of a story in time order, its outlets, languages, tone mix and spread per day."""
    summary = summarise(story)
    summary["tones"] = {Tone(tone).label: n for tone, n in summary["tones"].items()}
    return summary


@register.filter
def story_trace(story):
    """The origin trace of a story: first outlet, outlets and languages in order, first abroad."""
    return trace(story)
