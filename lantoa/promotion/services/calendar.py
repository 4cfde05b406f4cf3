"""Writes for the editorial calendar: moving plan items, recording outside posts, the scheduler."""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from lantoa.core.validators import validate_web_url

from ..constants import PLAN_STATE_ORDER, Channel, PlanState, ReachSource
from ..models import ChannelPost, ContentPlanItem
from ..selectors import pages_scheduled_due

PUBLISH_SCHEDULED_TASK = "lantoa.promotion.tasks.pages_publish_scheduled_task"
SCHEDULER_NAME = "Quảng bá: đăng các trang đã hẹn giờ"


@transaction.atomic
def plan_item_move(*, item: ContentPlanItem, state: PlanState, user=None) -> ContentPlanItem:
    """Move a plan item to `state`: forward one step at a time, or back any number of steps."""
    current = PLAN_STATE_ORDER.index(item.state)
    target = PLAN_STATE_ORDER.index(state)
    if target > current + 1:
        raise ValidationError(
            _("Không thể chuyển từ «%(old)s» sang «%(new)s»: phải qua từng bước.")
            % {"old": item.get_state_display(), "new": PlanState(state).label}
        )
    if state == PlanState.SCHEDULED and item.channel == Channel.WEBSITE and item.page_id is None:
        raise ValidationError(
            _("Nội dung cho cổng thông tin cần gắn với một trang trước khi hẹn giờ.")
        )
    item.state = state
    item.save(update_fields=["state", "updated_at"])
    return item


@transaction.atomic
def channel_post_record(
    *,
    channel: Channel,
    language: str,
    url: str,
    posted_at: datetime,
    reach: int = 0,
    interactions: int = 0,
    title: str = "",
    plan_item: ContentPlanItem | None = None,
    source: ReachSource = ReachSource.MANUAL,
) -> ChannelPost:
    """Record (or update, by URL) a post on an outside channel and its reach."""
    validate_web_url(url)
    post, _ = ChannelPost.objects.update_or_create(
        url=url,
        defaults={
            "channel": channel,
            "language": language,
            "posted_at": posted_at,
            "reach": reach,
            "interactions": interactions,
            "title": title,
            "plan_item": plan_item,
            "source": source,
        },
    )
    return post


@dataclass
class CsvImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


CSV_COLUMNS = ("url", "posted_at", "reach")
CSV_OPTIONAL = ("title", "interactions", "language")


def _parse_when(value: str) -> datetime | None:
    value = value.strip()
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y"):
                try:
                    moment = datetime.strptime(value, fmt)
                    break
                except ValueError:
                    continue
        else:
            moment = datetime(day.year, day.month, day.day)
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _parse_count(value: str) -> int:
    cleaned = (value or "0").strip().replace(".", "").replace(",", "").replace(" ", "")
    number = int(cleaned or "0")
    if number < 0:
        raise ValueError(value)
    return number


@transaction.atomic
def channel_posts_import_csv(
    *, data: bytes, channel: Channel, language: str = settings.LANGUAGE_CODE
) -> CsvImportResult:
    """Import posts and reach from a platform's CSV export (columns url, posted_at, reach, and
    optionally title, interactions, language). All or nothing: one bad row saves no row."""
    result = CsvImportResult()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(_("Tệp không phải văn bản UTF-8."))
        return result
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in CSV_COLUMNS if name not in header]
    if missing:
        result.errors.append(_("Thiếu cột: %(cols)s.") % {"cols": ", ".join(missing)})
        return result
    languages = {code for code, _name in settings.LANGUAGES}
    rows = []
    for number, raw in enumerate(reader, start=2):
        row = {(key or "").strip().lower(): (value or "").strip() for key, value in raw.items()}
        problems = []
        try:
            validate_web_url(row["url"])
        except ValidationError:
            problems.append(_("địa chỉ không hợp lệ"))
        posted_at = _parse_when(row["posted_at"])
        if posted_at is None:
            problems.append(_("ngày đăng không đọc được"))
        try:
            reach = _parse_count(row["reach"])
            interactions = _parse_count(row.get("interactions", ""))
        except ValueError:
            problems.append(_("số lượt không hợp lệ"))
        row_language = row.get("language") or language
        if row_language not in languages:
            problems.append(_("ngôn ngữ không hỗ trợ"))
        if problems:
            result.errors.append(_("Dòng %(n)d: %(p)s.") % {"n": number, "p": "; ".join(problems)})
            continue
        rows.append((row, posted_at, reach, interactions, row_language))
    if result.errors:
        return result
    for row, posted_at, reach, interactions, row_language in rows:
        exists = ChannelPost.objects.filter(url=row["url"]).exists()
        channel_post_record(
            channel=channel,
            language=row_language,
            url=row["url"],
            posted_at=posted_at,
            reach=reach,
            interactions=interactions,
            title=row.get("title", ""),
            source=ReachSource.CSV,
        )
        if exists:
            result.updated += 1
        else:
            result.created += 1
    return result


def pages_publish_scheduled() -> int:
    """Publish pages whose go-live time has come and unpublish expired ones, with Wagtail's own
    `publish_scheduled` command; returns how many scheduled revisions were due when it started.

    Not one transaction: the command publishes page by page, so one page that fails does not
    hold back the others."""
    due = pages_scheduled_due().count()
    call_command("publish_scheduled", verbosity=0)
    return due
