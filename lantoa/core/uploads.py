"""Uploaded files: type and size limits, and a zip-bomb guard for Office documents.

DOCX, XLSX, PPTX, ODT and ODS files are ZIP archives. A few kilobytes can declare gigabytes of
XML (a "zip bomb") that python-docx or openpyxl would inflate into memory. Before opening one,
call `check_office_archive(file)` (or use `open_docx` / `open_workbook`): it reads only the ZIP
directory and refuses archives whose total uncompressed size, compression ratio or member count
is beyond reason. Python's zipfile never inflates a member past its declared size, so checking
the declared sizes bounds the memory the parser can use.

Every refusal is a `django.core.exceptions.ValidationError` with a Vietnamese message, so forms
show it next to the field and services can let it abort their transaction (nothing half-saved).
"""

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OFFICE_ARCHIVES = {".docx", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods", ".odp"}


def _limits() -> tuple[int, int, int]:
    return (
        settings.LANTOA_UPLOAD_MAX_UNCOMPRESSED,
        settings.LANTOA_UPLOAD_MAX_RATIO,
        settings.LANTOA_UPLOAD_MAX_MEMBERS,
    )


def check_office_archive(file) -> None:
    """Refuse an Office file that is not a ZIP or would inflate beyond the limits.

    `file` is a path or a binary file object (its position is restored).
    """
    max_total, max_ratio, max_members = _limits()
    position = file.tell() if hasattr(file, "tell") else None
    try:
        if not zipfile.is_zipfile(file):
            raise ValidationError(
                _("Tệp không phải tài liệu Office hợp lệ (không đọc được cấu trúc ZIP)."),
                code="not_zip",
            )
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("Tệp Office bị hỏng: %(error)s"), params={"error": exc}) from exc
    finally:
        if position is not None:
            file.seek(position)
    if len(members) > max_members:
        raise ValidationError(
            _("Tệp chứa quá nhiều thành phần (%(count)s, tối đa %(limit)s)."),
            code="too_many_members",
            params={"count": len(members), "limit": max_members},
        )
    total = sum(member.file_size for member in members)
    if total > max_total:
        raise ValidationError(
            _("Nội dung giải nén của tệp quá lớn (%(size)s, tối đa %(limit)s)."),
            code="too_large_uncompressed",
            params={"size": filesizeformat(total), "limit": filesizeformat(max_total)},
        )
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > max_ratio * max(
            member.compress_size, 1
        ):
            raise ValidationError(
                _(
                    "Tệp bị nén bất thường (tỉ lệ %(ratio)s:1 ở thành phần %(name)s), có thể là "
                    "tệp độc hại nên không được mở."
                ),
                code="suspicious_ratio",
                params={
                    "ratio": member.file_size // max(member.compress_size, 1),
                    "name": member.filename,
                },
            )


def validate_upload(file, *, extensions: set[str], max_size: int) -> None:
    """Type (by extension), size, and for Office files the zip-bomb guard."""
    name = getattr(file, "name", str(file))
    suffix = Path(name).suffix.lower()
    if suffix not in extensions:
        raise ValidationError(
            _("Không nhận loại tệp %(suffix)s. Các loại được nhận: %(allowed)s."),
            code="extension",
            params={"suffix": suffix or "?", "allowed": ", ".join(sorted(extensions))},
        )
    size = getattr(file, "size", None)
    if size is None and isinstance(file, str | Path):
        size = Path(file).stat().st_size
    if size is not None and size > max_size:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s, tối đa %(limit)s)."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_size)},
        )
    if suffix in OFFICE_ARCHIVES:
        check_office_archive(file)


def open_docx(file):
    """python-docx `Document`, after the zip-bomb guard."""
    import docx

    check_office_archive(file)
    return docx.Document(file)


def open_workbook(file, **kwargs):
    """openpyxl workbook (read-only by default), after the zip-bomb guard."""
    import openpyxl

    check_office_archive(file)
    kwargs.setdefault("read_only", True)
    kwargs.setdefault("data_only", True)
    return openpyxl.load_workbook(file, **kwargs)
