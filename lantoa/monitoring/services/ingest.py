"""What people bring in by hand: a pasted URL, a file of social posts, entries and pages
(the demo, tests).
"""

import json
import logging

from django.utils.translation import gettext as _

from lantoa.core.validators import is_web_url

from ..batch import Batch, Candidate
from ..constants import OutletType, SourceKind
from ..fetcher import make_client
from ..formats import social
from ..formats.common import Unparseable, parse_date, source_zone
from ..models import PollRun, RawResponse, Source
from ..pipeline.raw import raw_compress
from ..pipeline.runner import batch_run, poll_run_start

log = logging.getLogger(__name__)

MANUAL_SOURCE_NAME = "Đường dẫn gửi thủ công"


def _manual_source() -> Source:
    source, _created = Source.objects.get_or_create(
        kind=SourceKind.MANUAL,
        name=MANUAL_SOURCE_NAME,
        defaults={"outlet_type": OutletType.DOMESTIC_PRESS, "is_active": True},
    )
    return source


def url_submit(*, url: str, source_id: int | None = None) -> PollRun:
    """Fetch and process one URL pasted by staff, like any other item (dedup included)."""
    url = url.strip()
    if not is_web_url(url):
        raise ValueError(_("Đường dẫn phải bắt đầu bằng http:// hoặc https://"))
    source = Source.objects.get(pk=source_id) if source_id else _manual_source()
    batch = Batch(
        source=source,
        poll_run=poll_run_start(source),
        preloaded=True,
        candidates=[Candidate(url=url, needs_fetch=True)],
    )
    batch.client = make_client()
    return batch_run(batch)


def posts_import(
    *, source_id: int, data: bytes, filename: str, mapping: dict | None = None
) -> PollRun:
    """Import a CSV/JSON/XLSX file of public posts. Authors are pseudonymised and phone numbers
    and e-mail addresses redacted before anything is stored (the raw copy kept is the redacted
    one). Raises ValueError (in Vietnamese) for a bad file or mapping, before storing anything."""
    source = Source.objects.get(pk=source_id)
    if source.kind != SourceKind.SOCIAL_IMPORT:
        raise ValueError(_("Nguồn này không phải loại tệp bài đăng mạng xã hội."))
    try:
        if mapping is not None:
            social.mapping_validate(mapping, social.columns_of(data, filename))
            source.column_mapping = mapping
            source.save(update_fields=["column_mapping"])
        left_out: dict[str, int] = {}
        candidates = social.social_rows(data, filename, source.column_mapping, left_out=left_out)
    except Unparseable as exc:  # a broken file: a Vietnamese message, nothing stored
        raise ValueError(str(exc)) from exc
    run = poll_run_start(source)
    redacted = json.dumps(
        [
            {
                "url": c.url,
                "title": c.title,
                "text": c.text,
                "author": c.author_pseudonym,
                "published": c.published_at.isoformat() if c.published_at else None,
            }
            for c in candidates
        ],
        ensure_ascii=False,
    ).encode()
    raw = RawResponse.objects.create(
        source=source,
        poll_run=run,
        url=f"file:{filename}"[:2000],
        headers={"content-type": "application/json", "x-lantoa-file": filename[:200]},
        body_compressed=raw_compress(redacted),
        size=len(redacted),
    )
    batch = Batch(
        source=source, poll_run=run, preloaded=True, candidates=candidates, left_out=left_out
    )
    batch.document_raw = raw
    return batch_run(batch)


def entries_ingest(*, source: Source, entries: list[dict]) -> PollRun:
    """Run ready entries ({url, title, summary, text, published, language}) through the pipeline
    from `normalise` on (demo content, benchmarks, other tools' exports)."""
    zone = source_zone(source)
    candidates = [
        Candidate(
            url=e["url"],
            title=e.get("title", ""),
            summary=e.get("summary", ""),
            text=e.get("text", ""),
            published_at=parse_date(e.get("published"), zone),
            lang_hint=e.get("language", ""),
        )
        for e in entries
    ]
    batch = Batch(
        source=source, poll_run=poll_run_start(source), preloaded=True, candidates=candidates
    )
    return batch_run(batch)


def pages_ingest(*, source: Source, pages: list[tuple[str, bytes]]) -> PollRun:
    """Run pages already in hand ({url: html bytes}) through extraction and the rest."""
    candidates = [Candidate(url=url, needs_fetch=True, page_body=body) for url, body in pages]
    batch = Batch(
        source=source, poll_run=poll_run_start(source), preloaded=True, candidates=candidates
    )
    return batch_run(batch)
