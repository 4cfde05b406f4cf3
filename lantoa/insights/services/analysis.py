"""Analysing items: watchlist matches, topic, tone, uncertainty; staff labels and label import."""

import csv
import io
import json
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lantoa.core.audit import audit
from lantoa.core.bulk import rows_insert, rows_update
from lantoa.core.text import fold_lower, nfc
from lantoa.monitoring.models import Item
from lantoa.monitoring.search.selectors import (
    ParsedQuery,
    QueryError,
    highlight,
    matching_ids,
    standing_query,
)

from ..constants import LabelKind, Origin, Task, Tone, TopicMethod
from ..ml.pipelines import class_probabilities, known_languages
from ..ml.tone import read_tones
from ..models import ItemAnalysis, ItemMatch, Label, Topic, Watchlist
from ..selectors import active_model, item_document
from .alerts import alerts_raise_for_items
from .stories import stories_link

logger = logging.getLogger(__name__)
PASSAGE_CHARS = 240
# What analysing writes (a person's labels write the same fields through label_set).
ANALYSIS_FIELDS = [
    "tone", "tone_origin", "tone_score", "topic", "topic_origin", "uncertainty",
    "analysed_at",
]  # fmt: skip


class LabelError(ValueError):
    """A label that cannot be applied; the message is Vietnamese, for the person."""


@transaction.atomic
def items_analyse(
    *, item_ids: list[int] = (), items: list[Item] | None = None, raise_alerts: bool = True
) -> list[int]:
    """Tag items with watchlists and topics, read their tone, queue alerts; returns new match ids.

    `items`: the rows themselves when the caller has them fresh (the pipeline's stored batch), so
    they are not read again; else `item_ids`. Idempotent: analysing an item again refreshes model
    decisions and never duplicates matches or overwrites what a person decided. The items must
    already be in the search index.
    """
    if items is None:
        items = list(Item.objects.filter(id__in=item_ids).select_related("source"))
    else:
        items = list(items)
    if not items:
        return []
    new_match_ids = _match_watchlists(items)
    query_topics = _query_topics([item.id for item in items])
    tone_model = active_model(Task.TONE)
    topic_model = active_model(Task.TOPIC)
    documents = [item_document(item) for item in items]
    langs = [item.language for item in items]
    # The items' languages are known: a learned model's analyser features read each text once,
    # in that language, without detecting it again.
    with known_languages(documents, langs):
        tone_pred = _predict(tone_model, documents, langs)
    # Before any staff label (or beside a learned model): each language's own analyser, batch-wise.
    readings = read_tones(documents, langs) if tone_pred is None else None
    topic_pred = _predict(topic_model, documents)
    topics_by_name = {fold_lower(t.name): t for t in Topic.objects.all()}
    # Batch-wise: one read of the existing analyses, one bulk write of each.
    existing = {
        a.item_id: a for a in ItemAnalysis.objects.filter(item_id__in=[i.id for i in items])
    }
    now = timezone.now()
    created, updated = [], []
    for index, item in enumerate(items):
        analysis = existing.get(item.id)
        if analysis is None:
            analysis = ItemAnalysis(item=item)
            created.append(analysis)
        else:
            updated.append(analysis)
        uncertainties = []
        if analysis.tone_origin != Origin.PERSON:
            if tone_pred is not None:
                label, uncertain = tone_pred[index]
                analysis.tone, analysis.tone_origin = label, Origin.MODEL
                analysis.tone_score = None
                uncertainties.append(uncertain)
            else:
                result = readings[index]
                # No analyser for the item's language: the tone stays unknown.
                analysis.tone = result.label
                analysis.tone_origin = Origin.LEXICON if result.label else ""
                analysis.tone_score = result.score if result.label else None
                # Close to the threshold, or no tone word at all, is where a label teaches most.
                uncertainties.append(1.0 / (1.0 + abs(result.score)))
        if analysis.topic_origin != Origin.PERSON:
            topic, origin = query_topics.get(item.id), Origin.QUERY
            if topic_pred is not None:
                label, uncertain = topic_pred[index]
                uncertainties.append(uncertain)
                predicted = topics_by_name.get(fold_lower(label))
                if (
                    topic is None
                    and predicted is not None
                    and predicted.method != TopicMethod.QUERY
                ):
                    topic, origin = predicted, Origin.MODEL
            analysis.topic = topic
            analysis.topic_origin = origin if topic else ""
        if uncertainties:
            analysis.uncertainty = max(uncertainties)
        analysis.analysed_at = now
    rows_insert(ItemAnalysis, created)
    rows_update(ItemAnalysis, updated, ANALYSIS_FIELDS)
    stories_link(items)
    if raise_alerts:
        alerts_raise_for_items(item_ids=[item.id for item in items], match_ids=new_match_ids)
    return new_match_ids


def _predict(model, documents: list[str], langs=None) -> list[tuple[str, float]] | None:
    if model is None:
        return None
    probs = class_probabilities(model, documents, langs)
    classes = list(model.classes_)
    result = []
    for row in probs:
        order = sorted(range(len(row)), key=lambda i: row[i], reverse=True)
        margin = row[order[0]] - (row[order[1]] if len(order) > 1 else 0.0)
        result.append((str(classes[order[0]]), float(1.0 - margin)))
    return result


def _match_watchlists(items: list[Item]) -> list[int]:
    by_id = {item.id: item for item in items}
    new_ids = []
    for watchlist in Watchlist.objects.filter(is_active=True):
        text = watchlist.effective_query()
        if not text:
            continue
        try:
            query = standing_query(text)
            matched = sorted(matching_ids(query, by_id))
        except QueryError as exc:
            logger.warning("watchlist %s has an invalid query: %s", watchlist.pk, exc)
            continue
        if not matched:
            continue
        # Batch-wise: one read of the matches already made, one insert of the new ones.
        known = set(
            ItemMatch.objects.filter(watchlist=watchlist, item_id__in=matched).values_list(
                "item_id", flat=True
            )
        )
        created = ItemMatch.objects.bulk_create(
            [
                ItemMatch(
                    item=by_id[item_id],
                    watchlist=watchlist,
                    passage=_passage(by_id[item_id], query),
                )
                for item_id in matched
                if item_id not in known
            ]
        )
        new_ids += [match.id for match in created]
    return new_ids


def _passage(item: Item, query: ParsedQuery) -> str:
    """The highlighted passage: from the body when it matched there, else the title."""
    for text in (item.text, item.summary, item.title):
        marked = str(highlight(text or "", query, snippet=PASSAGE_CHARS))
        if "<mark>" in marked:
            return marked
    return str(highlight(item.title, query, snippet=PASSAGE_CHARS))


def _query_topics(item_ids: list[int]) -> dict[int, Topic]:
    """item id → the first topic (by sort order) whose query matches it."""
    found: dict[int, Topic] = {}
    for topic in Topic.objects.exclude(method=TopicMethod.CLASSIFIER).exclude(query=""):
        try:
            ids = matching_ids(topic.query, item_ids)
        except QueryError as exc:
            logger.warning("topic %s has an invalid query: %s", topic.pk, exc)
            continue
        for item_id in ids:
            found.setdefault(item_id, topic)
    return found


# --- labels ---------------------------------------------------------------------------------

_YES = {"1", "true", "yes", "có", "co", "đúng", "dung", "x"}
_NO = {"0", "false", "no", "không", "khong", "sai", ""}


def _parse_bool(value: str) -> bool:
    key = nfc(str(value)).strip().casefold()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise LabelError(f"Giá trị “{value}” không phải có/không.")


def _clean_label(kind: str, value: str) -> tuple[str, Topic | None]:
    if kind not in LabelKind.values:
        raise LabelError(f"Loại nhãn “{kind}” không có; dùng: {', '.join(LabelKind.values)}.")
    value = nfc(str(value)).strip()
    if kind == LabelKind.TONE:
        if value not in Tone.values:
            by_name = {fold_lower(str(label)): key for key, label in Tone.choices}
            value = by_name.get(fold_lower(value), value)
        if value not in Tone.values:
            raise LabelError(f"Sắc thái “{value}” không hợp lệ; dùng: {', '.join(Tone.values)}.")
        return value, None
    if kind == LabelKind.TOPIC:
        topic = next(
            (t for t in Topic.objects.all() if fold_lower(t.name) == fold_lower(value)), None
        )
        if topic is None and value.isdigit():
            topic = Topic.objects.filter(pk=int(value)).first()
        if topic is None:
            raise LabelError(f"Chủ đề “{value}” chưa có trong danh mục chủ đề.")
        return topic.name, topic
    return ("yes" if _parse_bool(value) else "no"), None


@transaction.atomic
def label_set(*, item: Item, kind: str, value: str, user=None) -> Label:
    """Record a person's label and make it the item's value (a model never overrides it)."""
    value, topic = _clean_label(kind, value)
    label, _ = Label.objects.update_or_create(
        item=item, kind=kind, defaults={"value": value, "user": user}
    )
    analysis, _ = ItemAnalysis.objects.get_or_create(item=item)
    if kind == LabelKind.TONE:
        analysis.tone, analysis.tone_origin, analysis.tone_score = value, Origin.PERSON, None
    elif kind == LabelKind.TOPIC:
        analysis.topic, analysis.topic_origin = topic, Origin.PERSON
    elif kind == LabelKind.RELEVANT:
        analysis.relevant = value == "yes"
    elif kind == LabelKind.INACCURATE:
        analysis.inaccurate = value == "yes"
    if kind in (LabelKind.TONE, LabelKind.TOPIC):
        analysis.uncertainty = 0.0
    analysis.save()
    audit(item, "insights.label", user=user, data={"kind": kind, "value": value})
    return label


def label_validate(kind: str, value: str) -> str:
    """The stored form of `value` for a label of `kind`; raises LabelError (for forms)."""
    return _clean_label(kind, value)[0]


@transaction.atomic
def label_remove(*, label: Label, user=None) -> None:
    """Delete a person's label and give the decision back to the models.

    The item's tone or topic stops being a person's choice: the item is analysed again (lexicon or
    active model) and returns to the labelling queue; a removed relevance or "inaccurate" flag
    reverts to unknown / not flagged.
    """
    item, kind, value = label.item, label.kind, label.value
    label.delete()
    analysis = ItemAnalysis.objects.filter(item=item).first()
    if analysis is not None:
        if kind == LabelKind.TONE and analysis.tone_origin == Origin.PERSON:
            analysis.tone_origin = ""
        elif kind == LabelKind.TOPIC and analysis.topic_origin == Origin.PERSON:
            analysis.topic_origin = ""
        elif kind == LabelKind.RELEVANT:
            analysis.relevant = None
        elif kind == LabelKind.INACCURATE:
            analysis.inaccurate = False
        analysis.save()
        if kind in (LabelKind.TONE, LabelKind.TOPIC):
            items_analyse(item_ids=[item.pk], raise_alerts=False)
    audit(item, "insights.label_remove", user=user, data={"kind": kind, "value": value})


@dataclass
class ImportResult:
    created: int
    errors: list[str]


def _rows(content: str, filename: str) -> list[dict]:
    if filename.lower().endswith((".jsonl", ".json", ".ndjson")):
        rows = []
        for number, line in enumerate(content.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise LabelError(f"Dòng {number}: không phải JSON hợp lệ ({exc.msg}).") from exc
        return rows
    return list(csv.DictReader(io.StringIO(content)))


@transaction.atomic
def labels_import(*, content: str, filename: str, user=None) -> ImportResult:
    """Import labels from CSV or JSONL (columns: item_id or url, kind, value).

    All or nothing: any bad row cancels the import and every error is reported with its row.
    """
    content = content.lstrip("\ufeff")
    try:
        rows = _rows(content, filename)
    except LabelError as exc:
        return ImportResult(created=0, errors=[str(exc)])
    errors: list[str] = []
    planned = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            errors.append(f"Dòng {number}: cần một đối tượng có item_id/url, kind, value.")
            continue
        item = None
        if str(row.get("item_id") or "").strip().isdigit():
            item = Item.objects.filter(pk=int(row["item_id"])).first()
        elif row.get("url"):
            item = Item.objects.filter(url=str(row["url"]).strip()).first()
        if item is None:
            errors.append(f"Dòng {number}: không tìm thấy tin (item_id hoặc url).")
            continue
        try:
            _clean_label(str(row.get("kind", "")).strip(), str(row.get("value", "")))
        except LabelError as exc:
            errors.append(f"Dòng {number}: {exc}")
            continue
        planned.append((item, str(row["kind"]).strip(), str(row["value"])))
    if errors:
        return ImportResult(created=0, errors=errors)
    if not planned:
        return ImportResult(created=0, errors=["Tệp không có dòng nhãn nào."])
    for item, kind, value in planned:
        label_set(item=item, kind=kind, value=value, user=user)
    return ImportResult(created=len(planned), errors=[])
