"""Turn an uploaded file into NFC text: .txt (UTF-8, NFC or NFD), .docx (python-docx) and .pdf
with a text layer (pypdf; pages separated by a form feed so the parser can set page numbers and
running headers aside).

Everything else is refused with a Vietnamese sentence saying what to do instead.
"""

import io
import zipfile

from django.utils.translation import gettext as _

from lantoa.core.text import nfc

from ..constants import MAX_IMPORT_BYTES
from .errors import PlanImportError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def extract_text(data: bytes, filename: str = "") -> str:
    """Return the document's text, one paragraph per line, NFC; raise PlanImportError otherwise."""
    name = filename.lower()
    if not data:
        raise PlanImportError(_("Tệp rỗng: không có nội dung để nhập."))
    if len(data) > MAX_IMPORT_BYTES:
        raise PlanImportError(
            _("Tệp quá lớn (%(size).1f MB); chỉ nhận tệp đến 20 MB.")
            % {"size": len(data) / 1024 / 1024}
        )
    if data.startswith(_OLE_MAGIC) or name.endswith(".doc"):
        raise PlanImportError(
            _(
                "Tệp Word cũ (.doc) không được hỗ trợ. Hãy mở bằng Word và lưu lại dưới dạng "
                ".docx, rồi tải lên lại."
            )
        )
    if data.startswith(_PDF_MAGIC) or name.endswith(".pdf"):
        text = _pdf_text(data)
    elif data.startswith(_ZIP_MAGIC) or name.endswith(".docx"):
        text = _docx_text(data)
    else:
        text = _plain_text(data)
    text = nfc(text).translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    if not text.strip():
        raise PlanImportError(_("Tệp không có chữ nào: không có nội dung để nhập."))
    return text


def _plain_text(data: bytes) -> str:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanImportError(
            _("Tệp không phải văn bản (có vẻ là tệp nhị phân). Chỉ nhận .docx, .pdf hoặc .txt.")
        )
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text
    raise PlanImportError(
        _(
            "Tệp không đọc được như văn bản UTF-8 (có thể là tệp nhị phân hoặc bảng mã cũ như "
            "TCVN3/VNI). Hãy lưu lại dưới dạng .docx hoặc .txt UTF-8."
        )
    )


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(8, len(sample) // 100)


def _docx_text(data: bytes) -> str:
    from django.core.exceptions import ValidationError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from lantoa.core.uploads import open_docx

    try:  # open_docx refuses zip bombs before python-docx inflates anything
        document = open_docx(io.BytesIO(data))
    except ValidationError as exc:
        if exc.code == "not_zip":
            raise PlanImportError(
                _("Tệp không phải tệp .docx hợp lệ (không mở được bằng Word).")
            ) from exc
        raise PlanImportError(" ".join(exc.messages)) from exc
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PlanImportError(
            _("Tệp không phải tệp .docx hợp lệ (không mở được bằng Word).")
        ) from exc
    except Exception as exc:  # python-docx raises assorted lxml/zip errors on damaged files
        raise PlanImportError(
            _("Tệp .docx bị hỏng, không đọc được: %(error)s") % {"error": exc}
        ) from exc

    lines: list[str] = []

    def add_paragraph(paragraph) -> None:
        lines.extend(paragraph.text.split("\n") if paragraph.text.strip() else [""])

    def add_table(table) -> None:
        seen = set()
        for row in table.rows:
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                for block in cell.iter_inner_content():
                    if isinstance(block, Table):
                        add_table(block)
                    else:
                        add_paragraph(block)
                lines.append("")

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            add_paragraph(block)
        elif isinstance(block, Table):
            add_table(block)
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise PlanImportError(_("Tệp PDF có mật khẩu: hãy bỏ mật khẩu hoặc tải lên bản .docx."))
        pages = [page.extract_text() or "" for page in reader.pages]
    except PlanImportError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise PlanImportError(
            _("Tệp PDF bị hỏng, không đọc được: %(error)s") % {"error": exc}
        ) from exc
    if not any(page.strip() for page in pages):
        raise PlanImportError(
            _(
                "Tệp PDF không có lớp chữ (có thể là bản quét): hãy tải lên bản .docx, hoặc "
                "nhận dạng chữ (OCR) trước rồi tải lên lại."
            )
        )
    return "\f".join(pages)
