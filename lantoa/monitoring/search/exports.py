"""Export every result of a search as CSV or XLSX, streamed, without a row cap."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.monitoring.models import Item

# Spreadsheet programs run cells starting with these as formulas (CSV/formula injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_576
CHUNK_SIZE = 2000


def neutralise(value) -> object:
    """A cell value that a spreadsheet shows as text: a leading apostrophe before = + - @."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def export_header() -> list[str]:
    return [
        _("Mã"),
        _("Tiêu đề"),
        _("Đường dẫn"),
        _("Nguồn"),
        _("Ngôn ngữ"),
        _("Thời điểm đăng"),
        _("Tóm tắt"),
    ]


def export_rows(queryset: QuerySet[Item]) -> Iterator[list]:
    """Every item of `queryset` as a row of plain values, read in chunks (never all in memory)."""
    rows = queryset.values_list(
        "id", "title", "url", "source__name", "language", "published_at", "summary"
    )
    for item_id, title, url, source, language, published, summary in rows.iterator(
        chunk_size=CHUNK_SIZE
    ):
        published = timezone.localtime(published).strftime("%Y-%m-%d %H:%M") if published else ""
        yield [
            item_id,
            neutralise(title),
            neutralise(url),
            neutralise(source),
            language,
            published,
            neutralise(summary),
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(queryset: QuerySet[Item]) -> Iterator[str]:
    """CSV text, one row at a time; UTF-8 with a BOM so Excel shows Vietnamese correctly."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(export_header())
    for row in export_rows(queryset):
        yield writer.writerow(row)


def xlsx_file(queryset: QuerySet[Item]):
    """An XLSX workbook in a temporary file (deleted when closed), positioned at its start.

    Written with openpyxl's write-only mode (constant memory); a new sheet starts whenever one
    reaches Excel's row limit, so nothing is cut off.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet, rows_in_sheet, sheet_number = None, 0, 0
    for row in export_rows(queryset):
        if sheet is None or rows_in_sheet >= XLSX_MAX_ROWS:
            sheet_number += 1
            sheet = workbook.create_sheet(_("Kết quả") + (f" {sheet_number}" * (sheet_number > 1)))
            sheet.append(export_header())
            rows_in_sheet = 1
        sheet.append(row)
        rows_in_sheet += 1
    if sheet is None:
        workbook.create_sheet(_("Kết quả")).append(export_header())
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the FileResponse
    workbook.save(handle)
    handle.seek(0)
    return handle
