"""Stage 4: NFC, entities decoded (also those left inside CDATA), HTML to text, white space;
dates in the future rejected; the folded title kept for dedup and search.
"""

import hashlib
from datetime import timedelta

import nh3
from django.utils import timezone

from lantoa.core.text import clean_text, fold_lower

from ..batch import Batch
from ..constants import ItemStatus, LeftOut

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


def run(batch: Batch) -> Batch:
    now = timezone.now()

    def normalise(candidate) -> None:
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
        candidate.title_hash = hashlib.sha1(
            candidate.title_folded.encode(), usedforsecurity=False
        ).hexdigest()

    batch.apply(normalise)
    return batch
