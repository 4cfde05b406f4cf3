"""The batch that flows through the stages, and the candidate items inside it."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

import httpx

from .constants import ItemStatus
from .fetcher import FetchResult
from .models import Item, PollRun, RawResponse, Source

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Candidate:
    """An item on its way through the pipeline (not yet, or never, an Item row)."""

    url: str
    title: str = ""
    summary: str = ""
    text: str = ""
    html: str = ""
    published_at: datetime | None = None
    lang_hint: str = ""
    language: str = ""
    author_pseudonym: str = ""
    # The URL as received, encrypted, when the stored one had a person's handle replaced.
    original_url_sealed: str = ""
    # Page and sitemap links (and manual URLs) must be fetched and extracted.
    needs_fetch: bool = False
    # A feed item that carried only a summary: its page is fetched for the full text when the
    # source wants it; if that fails (robots, errors, limits) the item keeps its summary.
    summary_only: bool = False
    full_text_optional: bool = False
    # A page body already in hand (benchmarks, re-processing): extracted without fetching.
    page_body: bytes | None = None
    raw: RawResponse | None = None
    url_hash: str = ""
    title_folded: str = ""
    title_hash: str = ""
    minhash: bytes | None = None
    # Near-duplicate (another outlet's copy) found by MinHash LSH: the matched item id.
    near_item_id: int | None = None
    status: str = ""
    error: str = ""
    item: Item | None = None


@dataclass(eq=False)
class Batch:
    """What one poll (or import, or manual submission) brought for one source."""

    source: Source
    poll_run: PollRun
    client: httpx.Client | None = None
    full_fetch: bool = False
    # Set by the fetch stage; None for imports and manual submissions.
    document: FetchResult | None = None
    document_raw: RawResponse | None = None
    # For file imports: the uploaded bytes and file name.
    upload: bytes | None = None
    upload_name: str = ""
    # Candidates given by the caller (manual URL, demo, benchmark): fetch and parse pass.
    preloaded: bool = False
    outcome: str = ""
    # What was taken in only in part ({LeftOut value: count}), recorded on the PollRun.
    left_out: dict[str, int] = field(default_factory=dict)
    error: str = ""
    # Why the poll failed (a FetchErrorKind), "" when it did not.
    error_kind: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    dropped: list[Candidate] = field(default_factory=list)
    stored: list[Item] = field(default_factory=list)

    def drop(self, candidate: Candidate, status: str, reason: str = "") -> None:
        """Take `candidate` out of the batch with its final status (once)."""
        if candidate.status:
            raise RuntimeError(f"{candidate.url} already has final status {candidate.status}")
        candidate.status = status
        candidate.error = reason
        self.dropped.append(candidate)

    def leave(self, kind: str, count: int = 1) -> None:
        """Count `count` pieces of input left out (a LeftOut value): shown on the poll run."""
        if count:
            self.left_out[kind] = self.left_out.get(kind, 0) + count

    def apply(self, function) -> None:
        """Call `function(candidate)` for each live candidate; one that raises is quarantined
        (logged with its traceback and listed in the PollRun), the others carry on."""
        for candidate in self.candidates:
            try:
                function(candidate)
            except Exception as exc:
                log.exception("candidate %s quarantined", candidate.url)
                if not candidate.status:
                    self.drop(candidate, ItemStatus.QUARANTINED, f"{type(exc).__name__}: {exc}")
        self.prune()

    def prune(self) -> None:
        """Remove dropped candidates from the live list (stages call this before returning)."""
        self.candidates = [c for c in self.candidates if not c.status]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for candidate in [*self.dropped, *self.candidates]:
            status = candidate.status or ItemStatus.QUARANTINED
            counts[status] = counts.get(status, 0) + 1
        return counts
