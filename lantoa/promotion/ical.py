"""iCalendar (RFC 5545) written by hand: the events feed of the public site and the editorial
calendar export. Lines end in CRLF and are folded at 75 octets; text values are escaped."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone

PRODID = "-//Lantoa//Quang ba//VI"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    summary: str
    start: datetime
    end: datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = ""  # CONFIRMED, TENTATIVE, CANCELLED


def escape_text(value: str) -> str:
    """TEXT escaping of RFC 5545 §3.3.11."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (§3.1), never splitting a UTF-8
    character; continuation lines start with one space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        raw = char.encode("utf-8")
        if len(current) + len(raw) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74  # the leading space counts
        current += raw
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def utc_stamp(moment: datetime) -> str:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(entries: list[CalendarEntry], *, name: str, now: datetime | None = None) -> str:
    """A VCALENDAR with one VEVENT per entry."""
    stamp = utc_stamp(now or timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for entry in entries:
        lines += ["BEGIN:VEVENT", f"UID:{entry.uid}", f"DTSTAMP:{stamp}"]
        lines.append(f"DTSTART:{utc_stamp(entry.start)}")
        if entry.end:
            lines.append(f"DTEND:{utc_stamp(entry.end)}")
        lines.append(f"SUMMARY:{escape_text(entry.summary)}")
        if entry.description:
            lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
        if entry.location:
            lines.append(f"LOCATION:{escape_text(entry.location)}")
        if entry.url:
            lines.append(f"URL:{entry.url}")
        if entry.status:
            lines.append(f"STATUS:{entry.status}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def events_calendar(*, index, request=None) -> str:
    """The public events of one language."""
    entries = [
        CalendarEntry(
            uid=f"event-{event.translation_key}-{event.locale.language_code}@lantoa",
            summary=event.title,
            start=event.start,
            end=event.end,
            description=event.summary,
            location=", ".join(part for part in (event.venue_name, event.venue_address) if part),
            url=event.get_full_url(request),
            status="CONFIRMED",
        )
        for event in index.events()
    ]
    return calendar(entries, name=index.title)


def plan_calendar(items, *, name: str) -> str:
    """The editorial calendar (plan items) for staff calendars."""
    entries = [
        CalendarEntry(
            uid=f"plan-item-{item.pk}@lantoa",
            summary=f"[{item.get_channel_display()} · {item.language}] {item.title}",
            start=item.planned_at,
            description="\n".join(
                part
                for part in (
                    f"Trạng thái: {item.get_state_display()}",
                    f"Chiến dịch: {item.campaign}" if item.campaign_id else "",
                    f"Biên tập: {item.assignee.get_full_name()}" if item.assignee_id else "",
                    item.notes,
                )
                if part
            ),
            status="CONFIRMED" if item.state in ("scheduled", "published") else "TENTATIVE",
        )
        for item in items
    ]
    return calendar(entries, name=name)
