"""Stage 4: NFC, entities decoded (also those left inside CDATA), HTML to text, white space;
dates in the future rejected; the folded title kept for dedup and search.
"""

import hashlib
from datetime import timedelta

import nh3
from django.utils import timezone

from lantoa.core.text import clean_text, fold_lower

from ..batch import Batch
from ..constants import ItemStatus, LeftOut, OutletType, SourceKind
from ..privacy import seal, social_host, text_pseudonymise, url_pseudonymise

TITLE_MAX = 300
# Clock skew allowed before a date counts as "in the future".
FUTURE_TOLERANCE = timedelta(minutes=15)


def html_to_text(value: str) -> str:
    if "<" not in value:
        return value
    # nh3 with no allowed tags keeps the text and drops script/style content entirely.
    return nh3.clean(value.replace("</p>", "</p>\n\n").replace("<br", "\n<br"), tags=set())


def title_key(title: str) -> str:
    return " ".join(fold_lower(title).split())


def people_pseudonymise(candidate, *, social_source: bool) -> None:
    """A post on a social network (or from a social source): the handle in its URL and the
    @mentions in its text replaced by pseudonyms; the URL as received kept only sealed."""
    social = social_source or bool(social_host(candidate.url))
    if not social:
        return
    kept = url_pseudonymise(candidate.url)
    if kept != candidate.url:
        candidate.original_url_sealed = candidate.original_url_sealed or seal(candidate.url)
        candidate.url, candidate.url_hash = kept, ""
    candidate.title = text_pseudonymise(candidate.title)
    candidate.summary = text_pseudonymise(candidate.summary)
    candidate.text = text_pseudonymise(candidate.text)


def title_digest(title_folded: str) -> str:
    """The title hash of the second dedup tier (same title, same source, 7 days)."""
    return hashlib.sha1(title_folded.encode(), usedforsecurity=False).hexdigest()


def run(batch: Batch) -> Batch:
    now = timezone.now()
    social_source = batch.source.kind == SourceKind.SOCIAL_IMPORT or (
        batch.source.outlet_type == OutletType.SOCIAL_PAGE
    )

    def normalise(candidate) -> None:
        people_pseudonymise(candidate, social_source=social_source)
        candidate.title = clean_text(html_to_text(candidate.title), keep_paragraphs=False)
        candidate.summary = clean_text(html_to_text(candidate.summary))
        candidate.text = clean_text(html_to_text(candidate.text))
        if candidate.summary == candidate.text:
            candidate.summary = candidate.summary[:1000]
        if not candidate.title:
            lead = candidate.summary or candidate.text
            candidate.title = lead[:TITLE_MAX].rsplit(" ", 1)[0] if len(lead) > TITLE_MAX else lead
        if len(candidate.title) > TITLE_MAX * 2:
            candidate.title = candidate.title[: TITLE_MAX * 2]
            batch.leave(LeftOut.TITLES_CUT)
        if not candidate.title and not candidate.text:
            batch.drop(candidate, ItemStatus.EMPTY, "không có tiêu đề và nội dung")
            return
        if candidate.published_at and candidate.published_at > now + FUTURE_TOLERANCE:
            candidate.published_at = None
        candidate.title_folded = title_key(candidate.title)
        candidate.title_hash = title_digest(candidate.title_folded)

    batch.apply(normalise)
    return batch
