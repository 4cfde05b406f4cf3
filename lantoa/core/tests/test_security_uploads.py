"""Uploads: type and size limits; zip bombs in DOCX/XLSX refused before any parser opens them."""

import importlib
import io
import re
import zipfile

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from lantoa.core.models import User
from lantoa.core.security.models import SecurityEvent
from lantoa.core.uploads import (
    DOCUMENT,
    EVIDENCE,
    RandomName,
    check_office_archive,
    open_docx,
    open_workbook,
    upload_check,
)


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


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("chuong-trinh.exe", EXE, "extension"),
        ("trang.html", b"<html><script>alert(1)</script></html>", "extension"),
        ("anh.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "extension"),
        ("bien-ban.pdf", EXE, "content_mismatch"),  # a program renamed to .pdf
        ("anh.png", b"%PDF-1.4 not a picture", "content_mismatch"),
        ("ghi-chu.txt", b"<!DOCTYPE html><script>alert(1)</script>", "markup"),
        ("ghi-chu.txt", b"<svg onload=alert(1)>", "markup"),
        ("ghi-chu.txt", b"abc\x00\x01\x02", "content_mismatch"),
        ("ghi-chu.txt", "Biên bản".encode("utf-16"), "content_mismatch"),
        ("bang.xlsx", b"PK\x03\x04 not really a zip", "content_mismatch"),
        ("rong.pdf", b"", "empty"),
    ],
)
def test_the_evidence_policy_checks_the_content_not_the_name(name, content, code):
    with pytest.raises(ValidationError) as refused:
        upload_check(SimpleUploadedFile(name, content), policy=EVIDENCE)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bien-ban.pdf", b"%PDF-1.4 bien ban"),
        ("anh.PNG", PNG),
        ("ghi-chu.txt", "Biên bản hội nghị, 150 lượt người.".encode()),
        ("danh-sach.xlsx", real_xlsx()),
        ("bien-ban.docx", real_docx()),
    ],
)
def test_real_evidence_files_pass(name, content):
    upload_check(SimpleUploadedFile(name, content), policy=EVIDENCE)
    upload_check(content, policy=EVIDENCE, name=name)


@pytest.mark.django_db
def test_the_size_limit_is_a_setting(settings):
    big = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4" + b" " * (30 * 1024 * 1024))
    with pytest.raises(ValidationError, match="quá lớn") as refused:
        upload_check(big, policy=EVIDENCE)
    assert refused.value.code == "too_large"
    settings.LANTOA_EVIDENCE_MAX_BYTES = 40 * 1024 * 1024
    upload_check(big, policy=EVIDENCE)


@pytest.mark.django_db
def test_zip_bombs_are_refused_by_every_office_policy():
    with pytest.raises(ValidationError) as refused:
        upload_check(SimpleUploadedFile("x.docx", zip_bomb(300)), policy=DOCUMENT)
    assert refused.value.code == "too_large_uncompressed"


def test_a_refusal_is_a_security_event(db):
    with pytest.raises(ValidationError):
        upload_check(SimpleUploadedFile("x.exe", EXE), policy=EVIDENCE)
    event = SecurityEvent.objects.get()
    assert event.kind == "upload_refused" and event.target == "evidence:exe"
    assert "x.exe" in event.message


def test_stored_names_are_random_and_keep_the_extension():
    first = RandomName("plans/evidence")(None, "Biên bản Nguyễn Văn A.PDF")
    second = RandomName("plans/evidence")(None, "Biên bản Nguyễn Văn A.PDF")
    assert first != second
    assert re.fullmatch(r"plans/evidence/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", first)
    assert re.fullmatch(r"x/\d{4}/\d{2}/[0-9a-f]{32}", RandomName("x")(None, "a.p/hp"))


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


@pytest.mark.django_db
def test_a_document_whose_content_is_not_its_type_is_refused(demo_ward, client):
    client.force_login(User.objects.get(username="admin"))
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Biên bản",
            "file": SimpleUploadedFile("bien-ban.pdf", b"<html><script>x</script></html>"),
            "collection": 1,
        },
    )
    assert response.status_code == 200 and not get_document_model().objects.exists()
    assert "không phải .pdf" in response.content.decode()
    event = SecurityEvent.objects.get()
    assert event.user.username == "admin"  # the admin view's user, though the form has no request


@pytest.fixture
def debug_urls(settings):
    """The URLconf as `make run` builds it (DEBUG on), restored afterwards."""
    from django.urls import clear_url_caches

    import lantoa.urls

    settings.DEBUG = True
    importlib.reload(lantoa.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(lantoa.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_with_debug_on_media_serves_wagtail_images_only(debug_urls, settings, client):
    evidence = settings.MEDIA_ROOT / "plans" / "evidence" / "2026" / "05" / "bien-ban.pdf"
    picture = settings.MEDIA_ROOT / "images" / "anh.max-800x600.png"
    for path, content in ((evidence, b"%PDF-1.4 bien ban"), (picture, PNG)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    assert client.get("/media/images/anh.max-800x600.png").status_code == 200
    assert client.get("/media/plans/evidence/2026/05/bien-ban.pdf").status_code == 404
    assert client.get("/media/images/../plans/evidence/2026/05/bien-ban.pdf").status_code in (
        400,
        404,
    )
