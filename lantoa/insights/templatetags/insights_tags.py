from collections import Counter

from django import template

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
    """Items of a story in time order, its outlets, languages and tone mix."""
    analyses = story.analyses.select_related("item__source").order_by("item__published_at")
    items = [a.item for a in analyses]
    return {
        "items": items,
        "outlets": sorted({item.source.name for item in items}),
        "languages": sorted({item.language for item in items if item.language}),
        "tones": dict(Counter(a.get_tone_display() for a in analyses if a.tone)),
    }
