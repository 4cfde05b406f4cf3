"""Uploaded files: one policy for every file the product accepts, and a zip-bomb guard.

Every file field of the product names an `UploadPolicy` (`EVIDENCE`, `DOCUMENT`, `PLAN_SOURCE`,
`POSTS_IMPORT`, `CSV_IMPORT`, `LABELS_IMPORT`): an allow-list of types and a size limit.
`upload_check` refuses a file whose name is not on the list, whose size is over the limit, or
whose *content* is not what its name says: binary types are recognised by their magic bytes (the
`filetype` package), text types must be UTF-8 text without NUL bytes and must not be HTML, SVG
or XML markup. A program renamed to `.pdf`, an HTML page renamed to `.txt` or an SVG image are
refused. Every refusal is also a security event (`upload_refused`).

Files a record keeps are stored under a random name (`RandomName`), never the uploader's, and are
served only through views that check permissions (`MEDIA_URL` serves Wagtail images only).

DOCX, XLSX, PPTX, ODT and ODS files are ZIP archives. A few kilobytes can declare gigabytes of
XML (a "zip bomb") that python-docx or openpyxl would inflate into memory. Before opening one,
call `check_office_archive(file)` (or use `open_docx` / `open_workbook`): it reads only the ZIP
directory and refuses archives whose total uncompressed size, compression ratio or member count
is beyond reason. Python's zipfile never inflates a member past its declared size, so checking
the declared sizes bounds the memory the parser can use.

Every refusal is a `django.core.exceptions.ValidationError` with a Vietnamese message, so forms
show it next to the field and services can let it abort their transaction (nothing half-saved).
"""

import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from lantoa.core.security.events import SecurityEventKind, security_event_record

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


# --- the upload policy -------------------------------------------------------------------------

MB = 1024 * 1024
TEXT_KINDS = {"txt", "csv", "json", "jsonl"}
SYNONYMS = {"jpeg": "jpg"}
# What an Office archive must contain when `filetype` only recognises a ZIP.
OFFICE_MARKERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
    "odt": "content.xml",
    "ods": "content.xml",
    "odp": "content.xml",
}
MARKUP_STARTS = ("<!doctype", "<html", "<svg", "<?xml", "<script", "<head", "<body", "<iframe")
HEAD_BYTES = 8192


@dataclass(frozen=True)
class UploadPolicy:
    """The types one kind of upload may have (extensions, checked against the content) and its
    size limit (a setting name, so an operator can change it, and its default)."""

    name: str
    kinds: frozenset[str]
    size_setting: str

    @property
    def max_size(self) -> int:
        return int(getattr(settings, self.size_setting))

    def describe(self) -> str:
        return ", ".join(f".{kind}" for kind in sorted(self.kinds))


# Progress-report evidence: minutes, attendance lists, photos.
EVIDENCE = UploadPolicy(
    "evidence",
    frozenset({"pdf", "docx", "xlsx", "odt", "ods", "jpg", "png", "webp", "txt"}),
    "LANTOA_EVIDENCE_MAX_BYTES",
)
# Wagtail documents (case evidence, the content library): Wagtail's own extension list is the
# same (WAGTAILDOCS_EXTENSIONS) and so is the size (WAGTAILDOCS_MAX_UPLOAD_SIZE).
DOCUMENT = UploadPolicy(
    "document",
    frozenset({"pdf", "docx", "xlsx", "odt", "ods", "txt", "csv", "jpg", "png"}),
    "WAGTAILDOCS_MAX_UPLOAD_SIZE",
)
# A plan to import (DOCX or plain text).
PLAN_SOURCE = UploadPolicy(
    "plan_source", frozenset({"docx", "pdf", "txt"}), "LANTOA_IMPORT_MAX_BYTES"
)
# Exports of public social posts.
POSTS_IMPORT = UploadPolicy(
    "posts_import",
    frozenset({"csv", "json", "jsonl", "xlsx"}),
    "LANTOA_IMPORT_MAX_BYTES",
)
# CSV tables (channel reach).
CSV_IMPORT = UploadPolicy("csv_import", frozenset({"csv"}), "LANTOA_IMPORT_MAX_BYTES")
# Staff labels for the classifiers (CSV or JSON Lines).
LABELS_IMPORT = UploadPolicy(
    "labels_import", frozenset({"csv", "jsonl"}), "LANTOA_IMPORT_MAX_BYTES"
)

# The first-run setup's imports: units and staff (the XLSX templates), sources (OPML).
XLSX_IMPORT = UploadPolicy("xlsx_import", frozenset({"xlsx"}), "LANTOA_IMPORT_MAX_BYTES")
OPML_IMPORT = UploadPolicy("opml_import", frozenset({"opml", "xml"}), "LANTOA_IMPORT_MAX_BYTES")
# XML documents: UTF-8 text that must start as XML (parsed later with defusedxml only).
XML_KINDS = {"opml", "xml"}


def _kind_of_name(name: str) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    return SYNONYMS.get(suffix, suffix)


def _refuse(message: str, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def _check_text(head: bytes, kind: str) -> None:
    if b"\0" in head:
        raise _refuse(
            _("Tệp .%(kind)s phải là văn bản thuần, nhưng nội dung là dữ liệu nhị phân."),
            "content_mismatch",
            kind=kind,
        )
    for cut in range(4):  # the head may end inside a multi-byte character
        try:
            text = head[: len(head) - cut].decode("utf-8-sig")
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _refuse(_("Tệp .%(kind)s phải được mã hóa UTF-8."), "encoding", kind=kind)
    if text.lstrip().lower().startswith(MARKUP_STARTS):
        raise _refuse(
            _("Tệp .%(kind)s chứa mã HTML/SVG/XML, không được nhận."), "markup", kind=kind
        )


def _check_xml(head: bytes, kind: str) -> None:
    text = head.decode("utf-8-sig", errors="ignore").lstrip().lower()
    if b"\0" in head or not text.startswith(("<?xml", "<opml")):
        raise _refuse(
            _("Tệp .%(kind)s phải là văn bản XML (bắt đầu bằng <?xml hoặc <opml>)."),
            "content_mismatch",
            kind=kind,
        )


def _check_binary(file, head: bytes, kind: str) -> None:
    detected = filetype.guess_extension(head)
    detected = SYNONYMS.get(detected, detected)
    if detected == kind:
        return
    if detected == "zip" and kind in OFFICE_MARKERS:
        position = file.tell()
        try:
            with zipfile.ZipFile(file) as archive:
                if OFFICE_MARKERS[kind] in archive.namelist():
                    return
        except (zipfile.BadZipFile, OSError):
            pass
        finally:
            file.seek(position)
    raise _refuse(
        _("Nội dung tệp không phải .%(kind)s như tên tệp (nhận ra: %(detected)s)."),
        "content_mismatch",
        kind=kind,
        detected=f".{detected}" if detected else _("không rõ"),
    )


def _stream(file):
    """A seekable binary stream for a Django File/UploadedFile, a path or bytes."""
    if isinstance(file, bytes | bytearray):
        return io.BytesIO(file)
    if isinstance(file, str | Path):
        return Path(file).open("rb")  # closed by the caller
    return file


def upload_check(file, *, policy: UploadPolicy, name: str | None = None, request=None) -> None:
    """Refuse `file` unless its name, size and content fit `policy` (ValidationError).

    `file` is an uploaded file, a path or bytes (then `name` is required). A refusal is recorded
    as a security event before it is raised.
    """
    name = name or getattr(file, "name", None) or str(file)
    try:
        _check(file, policy=policy, name=name)
    except ValidationError as refusal:
        security_event_record(
            kind=SecurityEventKind.UPLOAD_REFUSED,
            message=f"{Path(name).name[:200]}: {' '.join(refusal.messages)}",
            request=request,
            target=f"{policy.name}:{_kind_of_name(name) or '?'}",
        )
        raise


def _check(file, *, policy: UploadPolicy, name: str) -> None:
    kind = _kind_of_name(name)
    if kind == "doc" and "docx" in policy.kinds:
        raise _refuse(
            _(
                "Tệp Word cũ (.doc) không được hỗ trợ. Hãy mở bằng Word và lưu lại dưới dạng "
                ".docx, rồi tải lên lại."
            ),
            "extension",
        )
    if kind not in policy.kinds:
        raise _refuse(
            _("Không nhận loại tệp %(suffix)s. Các loại được nhận: %(allowed)s."),
            "extension",
            suffix=f".{kind}" if kind else "?",
            allowed=policy.describe(),
        )
    stream = _stream(file)
    owned = stream is not file
    try:
        size = getattr(file, "size", None)
        if size is None:
            position = stream.tell()
            size = stream.seek(0, io.SEEK_END) - position
            stream.seek(position)
        if size > policy.max_size:
            raise _refuse(
                _("Tệp quá lớn (%(size)s, tối đa %(limit)s)."),
                "too_large",
                size=filesizeformat(size),
                limit=filesizeformat(policy.max_size),
            )
        if size == 0:
            raise _refuse(_("Tệp rỗng."), "empty")
        position = stream.tell()
        stream.seek(0)
        head = stream.read(HEAD_BYTES)
        stream.seek(0)
        if kind in XML_KINDS:
            _check_xml(head, kind)
        elif kind in TEXT_KINDS:
            _check_text(head, kind)
        else:
            _check_binary(stream, head, kind)
        if f".{kind}" in OFFICE_ARCHIVES:
            check_office_archive(stream)
        stream.seek(position)
    finally:
        if owned:
            stream.close()


class PolicyFileField(forms.FileField):
    """A form file field that applies an `UploadPolicy` (type by content, size)."""

    def __init__(self, *args, policy: UploadPolicy, **kwargs):
        self.policy = policy
        kwargs.setdefault(
            "help_text",
            _("Nhận: %(allowed)s; tối đa %(limit)s.")
            % {"allowed": policy.describe(), "limit": filesizeformat(policy.max_size)},
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file:
            upload_check(file, policy=self.policy)
        return file


@deconstructible
class RandomName:
    """`upload_to` that stores a file as `<folder>/<year>/<month>/<random hex>.<ext>`.

    The uploader's file name (which may name a person or a place) never becomes a path, and a
    stored file's URL cannot be guessed; the record keeps the original name in a field of its own.
    """

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        kind = _kind_of_name(filename)
        suffix = f".{kind}" if kind.isalnum() and len(kind) <= 8 else ""
        now = timezone.localtime()
        return f"{self.folder}/{now:%Y/%m}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder
