"""Bulk re-extraction as a background job with progress (issue 8: long work shows progress)."""

import zlib
from io import StringIO

import pytest
from django.core.management import call_command

from lantoa.core.jobs.models import Job
from lantoa.monitoring.models import Item, RawResponse

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


def test_sources_list_offers_reextraction_as_a_job(client, demo_ward, demo_password):
    """From the sources list: confirm with the count, then the job runs in the background; a
    role that may not correct items is refused."""
    from django.urls import reverse

    from lantoa.monitoring.permissions import permissions_grant

    permissions_grant()
    source = SourceFactory(name="Báo mẫu")
    for n in range(2):
        _item(source, n, article(f"Tin {n}", PARA).encode())
    _item(source, 5, None)  # no raw page kept: not counted
    url = reverse("monitoring_tools:reextract", args=[source.pk])
    assert client.login(username="theodoi", password=demo_password)
    listing = client.get(reverse("wagtailsnippets_monitoring_source:list")).content.decode()
    assert url in listing and "Trích xuất lại tin" in listing
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "2 tin của nguồn này" in confirm.content.decode()
    assert not Job.objects.exists()
    response = client.post(url)
    job = Job.objects.get(kind="monitoring.reextract")
    assert response.status_code == 302 and response.url.endswith(f"?highlight={job.pk}")
    assert job.params == {"source_ids": [source.pk]}
    assert client.login(username="mttq", password=demo_password)
    assert client.post(url).status_code in (302, 403)
    assert Job.objects.count() == 1
