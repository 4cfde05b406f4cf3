"""Items corrected or entered in the admin, their original links, pseudonymising stored posts,
re-extraction.
"""

import json
import logging
from datetime import datetime
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lantoa.core.audit import audit
from lantoa.core.text import clean_text
from lantoa.monitoring.search.services import items_index

from ..constants import OutletType, SourceKind
from ..models import Item, RawResponse, Source
from ..pipeline.extract import extract_page
from ..pipeline.normalise import title_digest, title_key
from ..pipeline.raw import raw_compress
from ..pipeline.runner import after_commit_run
from ..privacy import SOCIAL_HOSTS, seal, social_host, text_pseudonymise, unseal, url_pseudonymise
from ..selectors import item_url_taken
from ..urlnorm import url_hash

log = logging.getLogger(__name__)

# Audit action: a person opened a social post's original (unpseudonymised) link.
ORIGINAL_OPEN = "monitoring.original_open"


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
            raw.body_compressed, raw.size, changed = raw_compress(body), len(body), True
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
