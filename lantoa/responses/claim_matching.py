"""Matching incoming items against the claims of cases, in any language (pure: no database).

The keys are the story-linking keys of `lantoa.insights.ml.linking.story_keys` — numbers, dates,
Latin-script words, transliterated name skeletons, watchlist aliases (which survive translation)
and, within one language, folded words. A claim is read in several variants: its text in its own
language and each of its key phrases in theirs. An item's score against one variant is the share
of the variant's key weight the item contains:

- in the variant's language, over all its keys (words included): a shared name and a shared
  place do not make two claims one when their words differ;
- in another language, over the keys that survive translation only, and only when the item
  shares at least two of them besides the watched place's name (a place and a year are not a
  claim).

The claim's score is the best variant's; at THRESHOLD or above the item is a recurrence. An
inverted index (key → variants) keeps an item's cost to a look-up per key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lantoa.insights.ml.language import detect_language
from lantoa.insights.ml.linking import story_keys

THRESHOLD = 0.6
MIN_SHARED_ACROSS = 2
# Weight of each kind of key: numbers and dates say most about a claim, a watched place's name
# least (every item about the ward carries it).
WEIGHTS = {"n": 2.0, "d": 2.0, "s": 1.5, "l": 1.5, "a": 0.5, "w": 1.0}


def _weight(key: str) -> float:
    return WEIGHTS.get(key[:1], 1.0)


def _is_word(key: str) -> bool:
    return key.startswith("w:")


@dataclass(frozen=True, slots=True)
class ClaimSpec:
    """What the matcher needs of one claim (built from a `Claim` row by the service)."""

    claim_id: int
    case_id: int
    text: str
    language: str
    phrases: tuple[str, ...] = ()
    watch_languages: tuple[str, ...] = ()


@dataclass(slots=True)
class _Variant:
    claim: ClaimSpec
    language: str
    keys: frozenset[str]
    total: float
    total_cross: float


@dataclass(frozen=True, slots=True)
class ClaimHit:
    claim_id: int
    case_id: int
    score: float


@dataclass
class ClaimIndex:
    """The variants of every known claim, indexed by key."""

    aliases: dict[str, str] = field(default_factory=dict)
    threshold: float = THRESHOLD
    variants: list[_Variant] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, claim: ClaimSpec) -> None:
        texts = [(claim.text, claim.language)]
        texts += [(phrase, detect_language(phrase) or claim.language) for phrase in claim.phrases]
        for text, language in texts:
            keys = story_keys(text, "", language, self.aliases)
            if not keys:
                continue
            cross = [k for k in keys if not _is_word(k)]
            variant = _Variant(
                claim,
                (language or "").split("-")[0],
                keys,
                sum(_weight(k) for k in keys),
                sum(_weight(k) for k in cross),
            )
            position = len(self.variants)
            self.variants.append(variant)
            for key in keys:
                self.postings[key].append(position)

    def match(self, *, title: str, text: str, language: str) -> list[ClaimHit]:
        """The claims this text repeats (best score per claim, at or above the threshold)."""
        return self.match_keys(story_keys(title, text, language, self.aliases), language)

    def match_keys(self, keys: Iterable[str], language: str) -> list[ClaimHit]:
        lang = (language or "").split("-")[0]
        shared: dict[int, list[str]] = defaultdict(list)
        for key in keys:
            for position in self.postings.get(key, ()):
                shared[position].append(key)
        best: dict[int, ClaimHit] = {}
        for position, found in shared.items():
            variant = self.variants[position]
            claim = variant.claim
            if claim.watch_languages and lang not in claim.watch_languages:
                continue
            cross = [k for k in found if not _is_word(k)]
            score = 0.0
            specific = [k for k in cross if not k.startswith("a:")]
            same_language = variant.language == lang
            if not same_language and variant.total_cross and len(specific) >= MIN_SHARED_ACROSS:
                score = sum(_weight(k) for k in cross) / variant.total_cross
            if same_language and variant.total:
                score = max(score, sum(_weight(k) for k in found) / variant.total)
            score = round(min(score, 1.0), 4)
            if score >= self.threshold and score > getattr(best.get(claim.claim_id), "score", 0):
                best[claim.claim_id] = ClaimHit(claim.claim_id, claim.case_id, score)
        return sorted(best.values(), key=lambda hit: (-hit.score, hit.claim_id))


def claim_index(claims: Iterable[ClaimSpec], aliases: dict[str, str] | None = None) -> ClaimIndex:
    index = ClaimIndex(aliases=dict(aliases or {}))
    for claim in claims:
        index.add(claim)
    return index
