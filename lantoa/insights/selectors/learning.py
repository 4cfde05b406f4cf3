"""What the classifiers learn from and which model is active; the labelling queue."""

import io
from functools import lru_cache

import joblib
from django.db.models import QuerySet

from lantoa.monitoring.models import Item

from ..constants import (
    LabelKind,
)
from ..models import (
    ClassifierModel,
    Label,
)


def item_document(item: Item) -> str:
    """The text the classifiers read: title, summary and body."""
    return "\n".join(part for part in (item.title, item.summary, item.text) if part)


def training_data(task: str) -> tuple[list[str], list[str]]:
    """(documents, labels) of every item a person labelled for `task`, in a stable order."""
    labels = Label.objects.filter(kind=task).select_related("item").order_by("item_id")
    return [item_document(label.item) for label in labels], [label.value for label in labels]


def training_examples(task: str) -> list[tuple[str, str, str, object]]:
    """(document, label, language, label changed at) of every labelled item, in item-id order."""
    labels = Label.objects.filter(kind=task).select_related("item").order_by("item_id")
    return [
        (item_document(label.item), label.value, label.item.language, label.created_at)
        for label in labels
    ]


@lru_cache(maxsize=8)
def _load(model_id: int, created_at=None):
    # created_at is part of the key: a reused id (a row deleted, another created) is another model.
    artefact = ClassifierModel.objects.values_list("artefact", flat=True).get(pk=model_id)
    return joblib.load(io.BytesIO(bytes(artefact)))


def active_model(task: str):
    """The fitted pipeline of the newest version that beats its baseline, or None."""
    found = (
        ClassifierModel.objects.filter(task=task, is_active=True)
        .order_by("-version")
        .values_list("id", "created_at")
        .first()
    )
    return _load(*found) if found else None


def labelling_queue(*, kind: str = LabelKind.TONE, limit: int = 50) -> QuerySet[Item]:
    """Items without a person's `kind` label, the most uncertain first (active learning)."""
    labelled = Label.objects.filter(kind=kind).values("item_id")
    return (
        Item.objects.exclude(id__in=labelled)
        .filter(analysis__isnull=False)
        .select_related("source", "analysis", "analysis__topic")
        .order_by("-analysis__uncertainty", "-published_at", "-id")[:limit]
    )
