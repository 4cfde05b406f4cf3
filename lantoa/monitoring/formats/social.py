"""Files of public social-media posts (CSV, JSON, JSON Lines, XLSX) mapped column by column.

Here, before anything is stored: authors are pseudonymised, and so are the handles in post URLs
and the @mentions in the text (`lantoa.monitoring.privacy`); phone numbers and e-mail addresses
are redacted.
"""

import csv
import io
import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lantoa.core.uploads import open_workbook

from ..batch import Candidate
from ..constants import LeftOut
from ..privacy import pseudonymise, redact, seal, text_pseudonymise, url_pseudonymise
from .common import Unparseable, left_out_count, parse_date, synthetic_url

MAPPING_FIELDS = ("text", "title", "url", "author", "published", "language")


def rows_read(data: bytes, filename: str, *, left_out: dict[str, int] | None = None) -> list[dict]:
    """Rows of a CSV, JSON (list of objects, or JSON Lines) or XLSX file, keys as strings. JSON
    values that are not objects are counted in `left_out`."""
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            try:  # the zip-bomb guard first: a few KB may declare gigabytes of XML
                workbook = open_workbook(io.BytesIO(data))
            except ValidationError as exc:
                raise Unparseable(" ".join(exc.messages)) from exc
            rows = list(workbook.active.iter_rows(values_only=True))
            if not rows:
                return []
            header = [str(h or "").strip() for h in rows[0]]
            return [
                {h: ("" if v is None else v) for h, v in zip(header, row, strict=False) if h}
                for row in rows[1:]
                if any(v not in (None, "") for v in row)
            ]
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise Unparseable(
                _(
                    "Tệp %(name)s không phải văn bản UTF-8 (byte lạ ở vị trí %(position)s). "
                    "Hãy lưu lại tệp dưới dạng CSV UTF-8 rồi nhập lại; chưa có gì được lưu."
                )
                % {"name": filename, "position": exc.start}
            ) from exc
        if name.endswith((".json", ".jsonl", ".ndjson")):
            stripped = text.strip()
            if stripped.startswith("["):
                rows = json.loads(stripped)
            else:
                rows = [json.loads(line) for line in stripped.splitlines() if line.strip()]
            objects = [r for r in rows if isinstance(r, dict)]
            left_out_count(left_out, LeftOut.ENTRIES_SKIPPED, len(rows) - len(objects))
            return objects
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else "excel"
        return list(csv.DictReader(io.StringIO(text), dialect=dialect))
    except (ValueError, csv.Error, KeyError, OSError) as exc:
        raise Unparseable(
            _("Không đọc được tệp %(name)s: %(error)s") % {"name": filename, "error": exc}
        ) from exc
    except Exception as exc:  # openpyxl raises assorted errors on a damaged workbook
        if type(exc).__module__.startswith(("openpyxl", "zipfile")):
            raise Unparseable(_("Tệp XLSX hỏng: %(error)s") % {"error": exc}) from exc
        raise


def columns_of(data: bytes, filename: str) -> list[str]:
    rows = rows_read(data, filename)
    columns: list[str] = []
    for row in rows[:50]:
        columns.extend(k for k in row if k not in columns)
    return columns


def mapping_validate(mapping: dict, columns: list[str]) -> dict[str, str]:
    """Check a column mapping {field: column}; `text` is required. ValueError in Vietnamese."""
    clean = {k: v for k, v in mapping.items() if v}
    unknown = set(clean) - set(MAPPING_FIELDS)
    if unknown:
        raise ValueError(_("Trường không hợp lệ: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "text" not in clean:
        raise ValueError(_("Cần chọn cột chứa nội dung bài đăng (text)."))
    missing = [v for v in clean.values() if v not in columns]
    if missing:
        raise ValueError(
            _("Tệp không có cột: %(c)s. Các cột có: %(all)s")
            % {"c": ", ".join(missing), "all": ", ".join(columns)}
        )
    return clean


def social_rows(
    data: bytes, filename: str, mapping: dict, *, left_out: dict[str, int] | None = None
) -> list[Candidate]:
    """One candidate per row, author pseudonymised, text redacted."""
    rows = rows_read(data, filename, left_out=left_out)
    columns = columns_of(data, filename)
    try:
        mapping = mapping_validate(mapping, columns)
    except ValueError as exc:
        raise Unparseable(str(exc)) from exc
    candidates = []
    for row in rows:

        def value(field: str, row: dict = row) -> str:
            column = mapping.get(field)
            return "" if not column else str(row.get(column, "") or "").strip()

        text = text_pseudonymise(redact(value("text")))
        author = pseudonymise(value("author"))
        url = value("url")
        if not url.startswith(("http://", "https://")):
            url = synthetic_url("", f"{author}|{value('published')}|{text}")
        kept_url = url_pseudonymise(url)
        candidates.append(
            Candidate(
                url=kept_url,
                original_url_sealed=seal(url) if kept_url != url else "",
                title=text_pseudonymise(redact(value("title"))),
                text=text,
                published_at=parse_date(value("published")),
                lang_hint=value("language"),
                author_pseudonym=author,
            )
        )
    return candidates
