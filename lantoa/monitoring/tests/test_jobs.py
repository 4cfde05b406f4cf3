"""Bulk re-extraction as a background job with progress (issue 8: long work shows progress)."""

import zlib
from io import StringIO

import pytest
from django.core.management import call_command

from lantoa.monitoring.models import Item, RawResponse
from lantoa.reports.models import Job

from .factories import SourceFactory, article

pytestmark = pytest.mark.django_db
PARA = (
    "Lễ hội biển Quy Nhơn năm nay diễn ra trong ba ngày với nhiều hoạt động đặc sắc cho du khách."
)


def _item(source, n, body: bytes | None, raw_url: str = ""):
    url = f"https://baomau.vn/tin/{n}"
    raw = None
    if body is not None:
        raw = RawResponse.objects.create(
            source=source,
            url=raw_url or url,
            headers={"content-type": "text/html; charset=utf-8"},
            body_compressed=zlib.compress(body),
            size=len(body),
        )
    return Item.objects.create(
        source=source, url=url, url_hash=f"h{n}", title=f"Tin {n}", text="", raw=raw
    )


def test_reextract_job_reports_progress_and_lists_failures(django_capture_on_commit_callbacks):
    source, other = SourceFactory(), SourceFactory()
    good = [_item(source, n, article(f"Tin {n}", PARA).encode()) for n in range(3)]
    # Kept with the listing page, not its own: refused, listed with the reason.
    broken = _item(source, 9, b"<html></html>", raw_url="https://baomau.vn/tin")
    untouched = _item(other, 20, article("Khác", PARA).encode())
    _item(source, 30, None)  # no raw page kept: not a candidate

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reextract", "--source", str(source.pk), stdout=out)
    assert "4 tin" in out.getvalue()
    job = Job.objects.get(kind="monitoring.reextract")
    assert job.state == "succeeded" and job.progress == 100
    assert job.messages[-2]["text"] == "Xong: 3 tin, 1 lỗi"
    for item in good:
        item.refresh_from_db()
        assert "ba ngày" in item.text
    untouched.refresh_from_db()
    assert untouched.text == ""
    (failures,) = job.files.all()
    rows = failures.file.read().decode("utf-8-sig").splitlines()
    assert rows[1] == f"{broken.pk},Tin này không có bản gốc trang để trích xuất lại."
