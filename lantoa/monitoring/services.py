"""Writes of the monitoring app: sources, polls, imports, manual submissions, re-extraction.

Polls are not wrapped in one transaction on purpose: fetching happens outside any transaction,
and the pipeline runner commits the store, the index and the poll's bookkeeping together.
"""

import json
import logging
import zlib
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from lantoa.core.audit import audit
from lantoa.core.text import clean_text
from lantoa.core.validators import is_web_url
from lantoa.monitoring.search.services import items_index

from .batch import Batch, Candidate
from .constants import FetchOutcome, OutletType, SourceKind
from .fetcher import make_client
from .formats import social
from .formats.common import Unparseable, parse_date
from .models import Item, PollRun, RawResponse, Source
from .pipeline.extract import extract_page
from .pipeline.fetch import FETCHED_KINDS
from .pipeline.normalise import title_digest, title_key
from .pipeline.runner import after_commit_run, batch_run, items_resume, poll_run_start
from .privacy import SOCIAL_HOSTS, seal, social_host, text_pseudonymise, unseal, url_pseudonymise
from .scheduling import full_fetch_due
from .selectors import item_url_taken
from .urlnorm import url_hash

log = logging.getLogger(__name__)


def claim_lease() -> timedelta:
    return timedelta(seconds=settings.LANTOA_POLL_LEASE_SECONDS)


# Audit action: a person opened a social post's original (unpseudonymised) link.
ORIGINAL_OPEN = "monitoring.original_open"
MANUAL_SOURCE_NAME = "Đường dẫn gửi thủ công"
WORKER_LOST = (
    "Tiến trình thu thập dừng giữa chừng (bị tắt hoặc mất kết nối cơ sở dữ liệu); "
    "không tin nào của lượt này được lưu, nguồn đã được thu thập lại."
)


@transaction.atomic
def source_create(
    *,
    url: str,
    kind: str = SourceKind.FEED,
    name: str = "",
    outlet_type: str = OutletType.DOMESTIC_PRESS,
    country: str = "VN",
    language: str = "vi",
    priority: int = 3,
    poll_min_minutes: int = 15,
    poll_max_minutes: int = 360,
    is_active: bool = True,
) -> Source:
    """Add a source (or return the existing one with the same URL and kind)."""
    if kind not in SourceKind.values:
        raise ValueError(_("Loại nguồn không hợp lệ: %(kind)s") % {"kind": kind})
    if (kind in FETCHED_KINDS or url) and not is_web_url(url):
        raise ValueError(_("Địa chỉ nguồn phải bắt đầu bằng http:// hoặc https://"))
    if poll_min_minutes > poll_max_minutes:
        raise ValueError(_("Chu kỳ ngắn nhất phải nhỏ hơn chu kỳ dài nhất."))
    existing = Source.objects.filter(url=url, kind=kind).first() if url else None
    if existing:
        return existing
    return Source.objects.create(
        url=url,
        kind=kind,
        name=name or urlsplit(url).hostname or url or kind,
        outlet_type=outlet_type,
        country=country,
        language=language,
        priority=priority,
        poll_min_minutes=poll_min_minutes,
        poll_max_minutes=poll_max_minutes,
        interval_seconds=poll_min_minutes * 60,
        is_active=is_active,
    )


def sources_claim(*, limit: int = 1, source_ids: list[int] | None = None) -> list[Source]:
    """Claim due sources for this worker: SELECT … FOR UPDATE SKIP LOCKED, then a lease.

    The lease update is conditional, so even where row locks do not exist (SQLite) two workers
    never both win the same source; a crashed worker's lease simply expires, and the poll it left
    unfinished is closed as an error when the source is claimed again.
    """
    now = timezone.now()
    lease = claim_lease()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    queryset = Source.objects.filter(free, kind__in=FETCHED_KINDS)
    if source_ids is None:
        queryset = queryset.filter(is_active=True).filter(
            Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now)
        )
    else:
        queryset = queryset.filter(pk__in=source_ids)
    claimed = []
    with transaction.atomic():
        ids = list(
            queryset.select_for_update(skip_locked=True)
            .order_by("priority", "next_fetch_at", "id")
            .values_list("id", flat=True)[:limit]
        )
        for source_id in ids:
            won = Source.objects.filter(free, pk=source_id).update(claimed_until=now + lease)
            if won:
                claimed.append(source_id)
        # Polls of these sources still "running" after a whole lease: their worker died (SIGKILL,
        # power cut, database gone) before recording the end; nothing of them was stored.
        PollRun.objects.filter(
            source_id__in=claimed, finished_at__isnull=True, started_at__lt=now - lease
        ).update(finished_at=now, outcome=FetchOutcome.ERROR, error=WORKER_LOST)
    return list(Source.objects.filter(pk__in=claimed).order_by("priority", "id"))


def source_poll(*, source_id: int, claim: bool = True) -> PollRun | None:
    """Poll one source through the whole pipeline. None when another worker holds it."""
    if claim:
        claimed = sources_claim(source_ids=[source_id])
        if not claimed:
            return None
        source = claimed[0]
    else:
        source = Source.objects.get(pk=source_id)
    full = full_fetch_due(source)
    batch = Batch(source=source, poll_run=poll_run_start(source, full_fetch=full), full_fetch=full)
    batch.client = make_client()
    return batch_run(batch)


def sources_poll_due(*, limit: int | None = None) -> list[PollRun]:
    """Poll every due source once (one at a time, each claimed), after resuming unfinished items.

    A source that fails is recorded and backed off; the loop carries on with the next one.
    """
    items_resume()
    runs = []
    while limit is None or len(runs) < limit:
        claimed = sources_claim(limit=1)
        if not claimed:
            break
        run = source_poll(source_id=claimed[0].pk, claim=False)
        runs.append(run)
    return runs


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
        body_compressed=zlib.compress(redacted, 6),
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
    candidates = [
        Candidate(
            url=e["url"],
            title=e.get("title", ""),
            summary=e.get("summary", ""),
            text=e.get("text", ""),
            published_at=parse_date(e.get("published")),
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


def _item_fill(
    item: Item,
    *,
    source_id: int,
    title: str,
    url: str,
    summary: str,
    text: str,
    language: str,
    published_at: datetime | None,
) -> None:
    """Put what a person typed on `item`, as the pipeline would have stored it."""
    url = url.strip()
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise ValueError(_("Đường dẫn phải bắt đầu bằng http:// hoặc https://"))
    title = clean_text(title, keep_paragraphs=False)
    if not title:
        raise ValueError(_("Tin cần có tiêu đề."))
    item.source = Source.objects.get(pk=source_id)
    summary, text = clean_text(summary), clean_text(text)
    social = item.source.kind == SourceKind.SOCIAL_IMPORT or bool(social_host(url))
    if social:  # a person's handle typed in is replaced as the pipeline would
        kept = url_pseudonymise(url)
        if kept != url:
            item.original_url_sealed, url = seal(url), kept
        title, summary, text = (text_pseudonymise(v) for v in (title, summary, text))
    if item_url_taken(url=url, exclude_id=item.pk):
        raise ValueError(_("Đã có tin với đường dẫn này."))
    item.url, item.url_hash = url, url_hash(url)
    item.title, item.summary, item.text = title, summary, text
    item.title_folded = title_key(title)
    item.title_hash = title_digest(item.title_folded)
    item.language = language
    item.published_at = published_at


def _item_saved(item: Item, *, action: str, user) -> Item:
    """Searchable as it now reads, recorded in its history, then analysed as a collected item is
    (topic, tone, watchlists, stories, alerts) once the transaction commits; if that fails the
    item is left for `items_resume`."""
    audit(item, action, user=user)
    items_index(item_ids=[item.pk])
    transaction.on_commit(lambda: after_commit_run([item]))
    return item


@transaction.atomic
def item_create(
    *,
    source_id: int,
    title: str,
    url: str,
    summary: str = "",
    text: str = "",
    language: str = "",
    published_at: datetime | None = None,
    user=None,
) -> Item:
    """An item entered by hand in the admin. ValueError (Vietnamese) for a bad or taken URL."""
    item = Item()
    _item_fill(
        item,
        source_id=source_id,
        title=title,
        url=url,
        summary=summary,
        text=text,
        language=language,
        published_at=published_at,
    )
    item.save()
    return _item_saved(item, action="wagtail.create", user=user)


@transaction.atomic
def item_update(
    *,
    item_id: int,
    source_id: int,
    title: str,
    url: str,
    summary: str = "",
    text: str = "",
    language: str = "",
    published_at: datetime | None = None,
    user=None,
) -> Item:
    """An item corrected in the admin: saved, re-indexed and analysed again at once.
    ValueError (Vietnamese) for a bad URL or one another item has; nothing is saved then."""
    item = Item.objects.select_for_update().get(pk=item_id)
    _item_fill(
        item,
        source_id=source_id,
        title=title,
        url=url,
        summary=summary,
        text=text,
        language=language,
        published_at=published_at,
    )
    item.save()
    return _item_saved(item, action="wagtail.edit", user=user)


@transaction.atomic
def item_original_open(*, item_id: int, user) -> str:
    """The URL a social post had before its handles were replaced, for a person allowed to see
    it; the opening is written to the item's history (who, when; not the URL). ValueError when
    the item has no sealed original (or the salt has changed since)."""
    item = Item.objects.get(pk=item_id)
    url = unseal(item.original_url_sealed)
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(_("Tin này không có đường dẫn gốc được lưu kín."))
    audit(item, ORIGINAL_OPEN, user=user)
    return url


def _social_items():
    """Items that may hold a person's handle: from social sources, or with a social URL."""
    on_social_host = Q()
    for domain in (*SOCIAL_HOSTS, "fb.watch", "youtu.be"):
        on_social_host |= Q(url__icontains=f"{domain}/")
    return Item.objects.filter(
        Q(source__kind=SourceKind.SOCIAL_IMPORT)
        | Q(source__outlet_type=OutletType.SOCIAL_PAGE)
        | on_social_host
    )


def _raw_pseudonymise(raw: RawResponse) -> bool:
    """A kept raw copy without handles: its URL, and each post of an import's redacted JSON."""
    changed = False
    url = url_pseudonymise(raw.url)
    if url != raw.url:
        raw.url, changed = url, True
    if raw.url.startswith("file:"):
        posts = json.loads(raw.body)
        for post in posts:
            for key, rewrite in (("url", url_pseudonymise), ("title", text_pseudonymise)):
                value = post.get(key) or ""
                post[key] = rewrite(value)
            post["text"] = text_pseudonymise(post.get("text") or "")
        body = json.dumps(posts, ensure_ascii=False).encode()
        if body != raw.body:
            raw.body_compressed, raw.size, changed = zlib.compress(body, 6), len(body), True
    if changed:
        raw.save(update_fields=["url", "body_compressed", "size"])
    return changed


@transaction.atomic
def items_pseudonymise() -> dict[str, int]:
    """Rewrite posts stored before handles were pseudonymised (idempotent): the handle in each
    social post's URL and the @mentions in its text are replaced, the original URL is kept
    sealed, the search index follows, and the kept raw copies are rewritten too. An item whose
    new URL another item already has is left as it is and counted as a conflict."""
    counts = {"items": 0, "raw": 0, "conflicts": 0}
    changed_ids = []
    for item in _social_items().select_related("source").iterator(chunk_size=500):
        url = url_pseudonymise(item.url)
        texts = [text_pseudonymise(v) for v in (item.title, item.summary, item.text)]
        if url == item.url and texts == [item.title, item.summary, item.text]:
            continue
        new_hash = url_hash(url)
        if url != item.url:
            if Item.objects.filter(url_hash=new_hash).exclude(pk=item.pk).exists():
                counts["conflicts"] += 1
                continue
            item.original_url_sealed = item.original_url_sealed or seal(item.url)
        item.url, item.url_hash = url, new_hash
        item.title, item.summary, item.text = texts
        item.title_folded = title_key(item.title)
        item.title_hash = title_digest(item.title_folded)
        item.save(
            update_fields=[
                "url", "url_hash", "original_url_sealed", "title", "summary", "text",
                "title_folded", "title_hash",
            ]
        )  # fmt: skip
        changed_ids.append(item.pk)
    items_index(item_ids=changed_ids)
    counts["items"] = len(changed_ids)
    raws = RawResponse.objects.filter(
        Q(source__kind=SourceKind.SOCIAL_IMPORT) | Q(source__outlet_type=OutletType.SOCIAL_PAGE)
    )
    for raw in raws.iterator(chunk_size=100):
        counts["raw"] += _raw_pseudonymise(raw)
    return counts


@transaction.atomic
def item_reextract(*, item_id: int) -> Item:
    """Extract an item's text again from its kept raw page (after an extractor upgrade)."""
    item = Item.objects.select_related("raw").get(pk=item_id)
    if item.raw is None or item.raw.url != item.url:
        raise ValueError(_("Tin này không có bản gốc trang để trích xuất lại."))
    page = extract_page(
        item.raw.body, url=item.url, declared=item.raw.headers.get("content-type", "")
    )
    item.text = clean_text(page.text)
    item.save(update_fields=["text"])
    items_index(item_ids=[item.pk])
    return item


@transaction.atomic
def schedule_ensure() -> None:
    """The beat schedule of monitoring (idempotent): due sources every minute, resume every 10."""
    every_minute, _c = IntervalSchedule.objects.get_or_create(
        every=1, period=IntervalSchedule.MINUTES
    )
    every_ten, _c = IntervalSchedule.objects.get_or_create(
        every=10, period=IntervalSchedule.MINUTES
    )
    PeriodicTask.objects.update_or_create(
        name="monitoring: thu thập các nguồn đến hạn",
        defaults={
            "task": "lantoa.monitoring.tasks.sources_poll_due_task",
            "interval": every_minute,
            "queue": "fetch",
            "enabled": True,
        },
    )
    PeriodicTask.objects.update_or_create(
        name="monitoring: hoàn tất phân tích tin còn dở",
        defaults={
            "task": "lantoa.monitoring.tasks.items_resume_task",
            "interval": every_ten,
            "queue": "fetch",
            "enabled": True,
        },
    )
