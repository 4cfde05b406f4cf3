"""Sources of the monitoring app: adding one, claiming and polling the due ones, the beat
schedule.

Polls are not wrapped in one transaction on purpose: fetching happens outside any transaction,
and the pipeline runner commits the store, the index and the poll's bookkeeping together.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.core.constants import is_country_code
from lantoa.core.validators import is_web_url

from ..batch import Batch
from ..constants import FetchOutcome, OutletType, SourceKind
from ..fetcher import make_client
from ..models import PollRun, Source
from ..pipeline.fetch import FETCHED_KINDS
from ..pipeline.runner import batch_run, items_resume, poll_run_start
from ..scheduling import full_fetch_due

log = logging.getLogger(__name__)

log = logging.getLogger(__name__)

WORKER_LOST = (
    "Tiến trình thu thập dừng giữa chừng (bị tắt hoặc mất kết nối cơ sở dữ liệu); "
    "không tin nào của lượt này được lưu, nguồn đã được thu thập lại."
)


def claim_lease() -> timedelta:
    return timedelta(seconds=settings.LANTOA_POLL_LEASE_SECONDS)


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
    if outlet_type not in OutletType.values:
        raise ValueError(
            _("Loại kênh không hợp lệ: %(value)s (một trong: %(known)s)")
            % {"value": outlet_type, "known": ", ".join(OutletType.values)}
        )
    country = (country or "").strip().upper()
    if not is_country_code(country):
        raise ValueError(
            _("Mã quốc gia không hợp lệ: %(value)s (hai chữ cái theo ISO 3166, ví dụ VN, JP, US)")
            % {"value": country}
        )
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
