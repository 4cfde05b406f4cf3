"""The daily bulletin ("bản tin tổng hợp dư luận") per watchlist: HTML e-mail and DOCX.

Everything in it is computed from stored items of the day: top stories (most items), tone
breakdown, foreign coverage, new items on sensitive topics.
"""

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from lantoa.core.audit import audit
from lantoa.core.constants import language_name
from lantoa.core.text import vn_date
from lantoa.monitoring.constants import OutletType
from lantoa.monitoring.models import Item

from .constants import Tone, TopicKind
from .models import BulletinRecipient, ItemAnalysis, Watchlist

TOP_STORIES = 5


@dataclass
class Bulletin:
    watchlist: Watchlist
    day: date
    total: int = 0
    stories: list[dict] = field(default_factory=list)
    tones: dict[str, int] = field(default_factory=dict)
    foreign: list[Item] = field(default_factory=list)
    sensitive: list[ItemAnalysis] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Bản tin tổng hợp dư luận: {self.watchlist.name}, {vn_date(self.day)}"


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def bulletin_build(*, watchlist: Watchlist, day: date) -> Bulletin:
    start, end = _day_bounds(day)
    items = list(
        Item.objects.filter(
            watchlist_matches__watchlist=watchlist, published_at__gte=start, published_at__lt=end
        )
        .select_related("source", "story", "analysis__topic")
        .distinct()
        .order_by("published_at")
    )
    bulletin = Bulletin(watchlist=watchlist, day=day, total=len(items))
    stories: dict[int | None, list[Item]] = {}
    for item in items:
        key = item.story_id or -item.pk
        stories.setdefault(key, []).append(item)
    ranked = sorted(stories.values(), key=lambda group: (-len(group), group[0].published_at))
    bulletin.stories = [
        {
            "title": group[0].title,
            "items": len(group),
            "outlets": sorted({i.source.name for i in group}),
            "url": group[0].url,
        }
        for group in ranked[:TOP_STORIES]
    ]
    tones = Counter(
        (getattr(item, "analysis", None) and item.analysis.tone) or "" for item in items
    )
    bulletin.tones = {str(label): tones.get(value, 0) for value, label in Tone.choices}
    bulletin.foreign = [
        i for i in items if i.source.outlet_type == OutletType.FOREIGN_PRESS or i.language != "vi"
    ]
    bulletin.sensitive = [
        item.analysis
        for item in items
        if getattr(item, "analysis", None)
        and item.analysis.topic
        and item.analysis.topic.kind == TopicKind.SENSITIVE
    ]
    return bulletin


def bulletin_html(bulletin: Bulletin) -> str:
    return render_to_string("insights/bulletin_email.html", {"b": bulletin})


def bulletin_text(bulletin: Bulletin) -> str:
    lines = [bulletin.title, f"Tổng số tin: {bulletin.total}", "", "Tin nổi bật:"]
    lines += [
        f"- {s['title']} ({s['items']} tin; {', '.join(s['outlets'])})" for s in bulletin.stories
    ]
    lines += ["", "Sắc thái: " + ", ".join(f"{k} {v}" for k, v in bulletin.tones.items())]
    lines += ["", f"Báo chí nước ngoài: {len(bulletin.foreign)} tin"]
    lines += [f"- {i.title} ({i.source.name})" for i in bulletin.foreign[:10]]
    lines += ["", f"Tin mới về chủ đề nhạy cảm: {len(bulletin.sensitive)}"]
    lines += [f"- [{a.topic}] {a.item.title}" for a in bulletin.sensitive[:10]]
    return "\n".join(lines)


def bulletin_docx(bulletin: Bulletin) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(bulletin.title, level=1)
    document.add_paragraph(f"Tổng số tin: {bulletin.total}")
    document.add_heading("Tin nổi bật", level=2)
    for story in bulletin.stories:
        document.add_paragraph(
            f"{story['title']} ({story['items']} tin; {', '.join(story['outlets'])})",
            style="List Bullet",
        )
    document.add_heading("Sắc thái", level=2)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Sắc thái", "Số tin"
    for tone, count in bulletin.tones.items():
        row = table.add_row()
        row.cells[0].text, row.cells[1].text = tone, str(count)
    document.add_heading("Báo chí nước ngoài", level=2)
    for item in bulletin.foreign:
        where = f"{item.source.name}, {language_name(item.language)}"
        document.add_paragraph(f"{item.title} ({where})", style="List Bullet")
    if not bulletin.foreign:
        document.add_paragraph("Không có.")
    document.add_heading("Tin mới về chủ đề nhạy cảm", level=2)
    for analysis in bulletin.sensitive:
        document.add_paragraph(
            f"[{analysis.topic}] {analysis.item.title} – {analysis.get_tone_display()}",
            style="List Bullet",
        )
    if not bulletin.sensitive:
        document.add_paragraph("Không có.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bulletin_recipients() -> list[str]:
    """The addresses the active `BulletinRecipient` entries reach: active members (with an
    address) of the listed roles, the listed accounts if active, and the outside addresses."""
    entries = list(BulletinRecipient.objects.filter(is_active=True))
    roles = [entry.role for entry in entries if entry.role]
    user_ids = [entry.user_id for entry in entries if entry.user_id]
    users = (
        get_user_model()
        .objects.filter(Q(groups__name__in=roles) | Q(pk__in=user_ids), is_active=True)
        .exclude(email="")
    )
    addresses = set(users.values_list("email", flat=True))
    addresses |= {entry.email for entry in entries if entry.email}
    return sorted(addresses)


def bulletins_send(*, day: date | None = None, recipients: list[str] | None = None) -> int:
    """E-mail yesterday's bulletin of every active watchlist (HTML + text, DOCX attached)."""
    day = day or timezone.localdate() - timedelta(days=1)
    recipients = recipients if recipients is not None else bulletin_recipients()
    if not recipients:
        return 0
    sent = 0
    for watchlist in Watchlist.objects.filter(is_active=True):
        bulletin = bulletin_build(watchlist=watchlist, day=day)
        message = EmailMultiAlternatives(
            subject=bulletin.title,
            body=bulletin_text(bulletin),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
        message.attach_alternative(bulletin_html(bulletin), "text/html")
        message.attach(
            f"ban-tin-{day.isoformat()}.docx",
            bulletin_docx(bulletin),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        message.send()
        audit(
            watchlist, "insights.bulletin", data={"day": day.isoformat(), "items": bulletin.total}
        )
        sent += 1
    return sent
