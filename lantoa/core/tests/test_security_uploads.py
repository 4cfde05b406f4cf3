"""Uploads: type and size limits; zip bombs in DOCX/XLSX refused before any parser opens them."""

import io
import zipfile

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from lantoa.core.models import User
from lantoa.core.uploads import check_office_archive, open_docx, open_workbook, validate_upload


def real_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Kế hoạch tuyên truyền năm 2026")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def real_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Đơn vị", "Số buổi"])
    workbook.active.append(["MTTQ", 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb(uncompressed_mb: int = 300, name: str = "word/document.xml") -> bytes:
    """A valid DOCX-shaped ZIP whose one member inflates to `uncompressed_mb` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(name, "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(uncompressed_mb):
                member.write(chunk)
    return buffer.getvalue()


def test_real_office_files_open_through_the_guard():
    assert open_docx(io.BytesIO(real_docx())).paragraphs[0].text.startswith("Kế hoạch")
    workbook = open_workbook(io.BytesIO(real_xlsx()))
    assert list(workbook.active.iter_rows(values_only=True))[1] == ("MTTQ", 3)


def test_zip_bomb_is_refused_before_parsing():
    bomb = zip_bomb(300)
    assert len(bomb) < 1024 * 1024  # < 1 MB on disk, 300 MB inflated
    with pytest.raises(ValidationError) as refused:
        open_docx(io.BytesIO(bomb))
    assert refused.value.code == "too_large_uncompressed"
    assert "quá lớn" in refused.value.messages[0]


def test_high_compression_ratio_is_refused_even_under_the_size_cap():
    with pytest.raises(ValidationError) as refused:
        check_office_archive(io.BytesIO(zip_bomb(20, name="xl/worksheets/sheet1.xml")))
    assert refused.value.code == "suspicious_ratio"
    assert "sheet1.xml" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"PK\x03\x04 not really a zip", "not_zip"), ("Xin chào".encode(), "not_zip")],
)
def test_files_that_are_not_zip_archives_are_refused(content, code):
    with pytest.raises(ValidationError) as refused:
        check_office_archive(io.BytesIO(content))
    assert refused.value.code == code


def test_the_file_position_is_kept_for_the_caller():
    stream = io.BytesIO(real_docx())
    check_office_archive(stream)
    assert stream.tell() == 0


def test_validate_upload_checks_type_and_size():
    allowed = {".docx", ".pdf"}
    with pytest.raises(ValidationError, match=r"Không nhận loại tệp \.exe"):
        validate_upload(SimpleUploadedFile("x.exe", b"MZ"), extensions=allowed, max_size=10)
    with pytest.raises(ValidationError, match="quá lớn"):
        validate_upload(SimpleUploadedFile("x.pdf", b"%PDF" * 10), extensions=allowed, max_size=8)
    with pytest.raises(ValidationError) as refused:
        validate_upload(
            SimpleUploadedFile("x.docx", zip_bomb(300)), extensions=allowed, max_size=10**7
        )
    assert refused.value.code == "too_large_uncompressed"
    validate_upload(SimpleUploadedFile("x.docx", real_docx()), extensions=allowed, max_size=10**7)


@pytest.mark.django_db
def test_admin_document_upload_refuses_a_zip_bomb_and_saves_nothing(demo_ward, client, settings):
    client.force_login(User.objects.get(username="admin"))
    Document = get_document_model()
    bomb = SimpleUploadedFile("ke-hoach.docx", zip_bomb(300))
    response = client.post(
        "/admin/documents/add/", {"title": "Kế hoạch", "file": bomb, "collection": 1}
    )
    assert response.status_code == 200
    assert "quá lớn" in response.content.decode()
    assert not Document.objects.exists()
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]

    ok = SimpleUploadedFile("ke-hoach.docx", real_docx())
    response = client.post(
        "/admin/documents/add/", {"title": "Kế hoạch", "file": ok, "collection": 1}
    )
    assert response.status_code == 302
    assert Document.objects.get().title == "Kế hoạch"


@pytest.mark.django_db
def test_document_types_and_size_are_limited(demo_ward, client, settings):
    client.force_login(User.objects.get(username="admin"))
    response = client.post(
        "/admin/documents/add/",
        {"title": "x", "file": SimpleUploadedFile("x.exe", b"MZ"), "collection": 1},
    )
    assert response.status_code == 200 and not get_document_model().objects.exists()
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 25 * 1024 * 1024
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))
