"""Writes for claims: matching incoming items against known claims (recurrences), the reviewer's
word on a recurrence, and the alert when a refuted claim resurfaces.

Matching is batch-wise: one query for the claims, one for the watchlist aliases, the items
matched in memory (`claim_matching`), the recurrences inserted in one statement (a unique
claim+item pair makes a second call a no-op).
"""

from collections.abc import Iterable, Sequence
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.core.audit import audit
from lantoa.core.text import clean_text
from lantoa.insights.constants import AlertKind
from lantoa.insights.models import ItemMatch
from lantoa.insights.services import alert_raise, alert_rules_active
from lantoa.insights.services.stories import TEXT_CHARS, watchlist_aliases
from lantoa.monitoring.models import Item

from ..claim_matching import ClaimIndex, ClaimSpec, claim_index
from ..constants import REFUTING_VERDICTS, RecurrenceReview
from ..models import Case, Claim, ClaimRecurrence
from .errors import CaseError

SCAN_CHUNK = 2000


def _spec(claim: Claim) -> ClaimSpec:
    return ClaimSpec(
        claim_id=claim.pk,
        case_id=claim.case_id,
        text=claim.text,
        language=claim.language,
        phrases=tuple(claim.phrase_list()),
        watch_languages=tuple(claim.language_list()),
    )


# The last index built, by its claims and aliases: the stream's batches reuse it until a claim or
# an alias changes (building costs a key extraction per claim variant; the check, one query).
_LAST: dict = {"key": None, "index": None}


def claims_index(claims: Iterable[Claim] | None = None) -> ClaimIndex:
    """The matching index of `claims` (default: every active claim)."""
    if claims is None:
        claims = Claim.objects.filter(is_active=True).only(
            "id", "case_id", "text", "language", "key_phrases", "watch_languages"
        )
    specs = tuple(_spec(claim) for claim in claims)
    aliases = watchlist_aliases()
    key = (specs, tuple(sorted(aliases.items())))
    if _LAST["key"] != key:
        _LAST["key"], _LAST["index"] = key, claim_index(specs, aliases)
    return _LAST["index"]


def _moment(item: Item):
    return item.published_at or item.fetched_at


def _match(index: ClaimIndex, items: Iterable[Item]) -> list[ClaimRecurrence]:
    found = []
    for item in items:
        text = item.summary or (item.text or "")[:TEXT_CHARS]
        for hit in index.match(title=item.title, text=text, language=item.language):
            found.append(
                ClaimRecurrence(
                    case_id=hit.case_id,
                    claim_id=hit.claim_id,
                    item_id=item.pk,
                    score=hit.score,
                    appeared_at=_moment(item),
                )
            )
    return found


@transaction.atomic
def claim_recurrences_record(*, items: Sequence[Item], index: ClaimIndex | None = None) -> int:
    """Match these stored items against the known claims; returns how many pairs matched
    (idempotent: an item already recorded for a claim keeps its row and its review)."""
    items = [item for item in items if item.pk]
    if not items:
        return 0
    index = index if index is not None else claims_index()
    if not index.variants:
        return 0
    found = _match(index, items)
    ClaimRecurrence.objects.bulk_create(found, ignore_conflicts=True)
    return len(found)


def claim_recurrences_scan(*, case: Case, days: int | None = None) -> int:
    """Match the stored items of the last `days` days (setting LANTOA_CLAIM_SCAN_DAYS) against
    this case's claims, so its curve has a 'before' from the day a case is opened. Chunked, one
    transaction per chunk; safe to run again."""
    days = days or settings.LANTOA_CLAIM_SCAN_DAYS
    index = claims_index(case.claims.filter(is_active=True))
    if not index.variants:
        return 0
    since = timezone.now() - timedelta(days=days)
    rows = (
        Item.objects.filter(fetched_at__gte=since)
        .only("id", "title", "summary", "text", "language", "published_at", "fetched_at")
        .order_by("id")
    )
    total, last_id = 0, 0
    while True:
        chunk = list(rows.filter(id__gt=last_id)[:SCAN_CHUNK])
        if not chunk:
            return total
        total += claim_recurrences_record(items=chunk, index=index)
        last_id = chunk[-1].pk


@transaction.atomic
def recurrence_review(*, recurrence: ClaimRecurrence, user, state: str) -> ClaimRecurrence:
    """A reviewer says whether the matched item really repeats the claim (or back to pending)."""
    if state not in RecurrenceReview.values:
        raise CaseError(_("Kết quả xem xét «%(value)s» không hợp lệ.") % {"value": state})
    recurrence = ClaimRecurrence.objects.select_for_update().get(pk=recurrence.pk)
    recurrence.review_state = state
    pending = state == RecurrenceReview.PENDING
    recurrence.reviewed_by = None if pending else user
    recurrence.reviewed_at = None if pending else timezone.now()
    recurrence.save(update_fields=["review_state", "reviewed_by", "reviewed_at"])
    audit(
        recurrence.case,
        "wagtail.edit",
        user=user,
        data={"recurrence": recurrence.pk, "item": recurrence.item_id, "review": state},
    )
    return recurrence


def claim_known_case(*, claim: str, items: Iterable[Item] = ()) -> Case | None:
    """The case that already answers this claim, if any: one of the items is a recurrence of a
    known claim (not rejected), or the text repeats a claim the office has refuted publicly."""
    item_ids = [item.pk for item in items if item.pk]
    if item_ids:
        known = (
            ClaimRecurrence.objects.filter(item_id__in=item_ids)
            .exclude(review_state=RecurrenceReview.REJECTED)
            .select_related("case")
            .order_by("-score", "pk")
            .first()
        )
        if known:
            return known.case
    refuted = Claim.objects.filter(
        is_active=True, case__verdict__in=REFUTING_VERDICTS, case__published_at__isnull=False
    )
    hits = claims_index(refuted).match(title=clean_text(claim), text="", language="vi")
    return Case.objects.filter(pk=hits[0].case_id).first() if hits else None


def _admin_url(name: str, *args) -> str:
    try:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _clarification(case: Case) -> dict:
    page = case.clarification
    return {
        "title": page.title,
        "url": page.full_url or "",
        "verdict": case.get_verdict_display(),
        "published_at": case.published_at.isoformat(),
    }


def claim_resurface_alerts(*, item_ids: Sequence[int]):
    """Refuted, published claims that came back in these items: one alert per rule, claim and
    day, carrying the clarification and its public link (the case exists: no new case)."""
    rules = alert_rules_active(AlertKind.CLAIM_RESURFACED)
    if not rules:
        return []  # nobody asked for these alerts: the batch's recurrences are not read
    recurrences = list(
        ClaimRecurrence.objects.filter(
            item_id__in=item_ids,
            case__verdict__in=REFUTING_VERDICTS,
            case__published_at__isnull=False,
            case__clarification__live=True,
            appeared_at__gte=F("case__published_at"),
        )
        .exclude(review_state=RecurrenceReview.REJECTED)
        .select_related("claim", "case__clarification", "item__source")
        .order_by("claim_id", "appeared_at", "pk")
    )
    if not recurrences:
        return []
    by_claim: dict[int, list[ClaimRecurrence]] = {}
    for recurrence in recurrences:
        by_claim.setdefault(recurrence.claim_id, []).append(recurrence)
    watched = {
        (watchlist_id, item_id)
        for watchlist_id, item_id in ItemMatch.objects.filter(
            item_id__in=[r.item_id for r in recurrences],
            watchlist_id__in=[rule.watchlist_id for rule in rules if rule.watchlist_id],
        ).values_list("watchlist_id", "item_id")
    }
    raised = []
    day = timezone.localdate().isoformat()
    for claim_id, group in by_claim.items():
        case, claim = group[0].case, group[0].claim
        clarification = _clarification(case)
        payload = {
            "case_id": case.pk,
            "case_url": _admin_url("wagtailsnippets_responses_case:inspect", case.pk),
            "claim": claim.text,
            "clarification": clarification,
            "recurrences": [{"item": r.item_id, "score": r.score} for r in group],
        }
        body = _("Thông tin này đã được làm rõ (%(verdict)s) tại: %(url)s") % clarification
        body += "\n" + _("Vụ việc #%(id)s: %(url)s") % {"id": case.pk, "url": payload["case_url"]}
        for rule in rules:
            items = [r.item for r in group]
            if rule.watchlist_id:
                items = [i for i in items if (rule.watchlist_id, i.pk) in watched]
            if not items:
                continue
            alert = alert_raise(
                rule,
                kind=AlertKind.CLAIM_RESURFACED,
                key=f"resurface:{rule.pk}:{claim_id}:{day}",
                title=_("Thông tin đã làm rõ xuất hiện lại: %(claim)s") % {"claim": claim.text},
                body=body,
                items=items,
                payload=payload,
            )
            raised += [alert] if alert else []
    return raised
