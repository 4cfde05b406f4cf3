from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from openpyxl import load_workbook

from lantoa.core.models import User
from lantoa.reports import services
from lantoa.reports.constants import ANNUAL_REPORT, JobState
from lantoa.reports.jobs import JobOutput, job_kind
from lantoa.reports.models import Job

pytestmark = pytest.mark.django_db

CALLS = {"fail": True}


@job_kind("tests.flaky", label="Tác vụ thử")
def flaky(job, progress):
    progress(30, "Một phần ba")
    if CALLS["fail"]:
        raise ValueError("Nguồn dữ liệu không phản hồi")
    progress(60, "Gần xong")
    return [JobOutput("ket-qua.txt", b"xong")]


def test_job_starts_on_commit_runs_and_keeps_progress_messages(
    django_capture_on_commit_callbacks,
):
    CALLS["fail"] = False
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.job_start(kind="tests.flaky", params={"n": 1})
    # Nothing runs before the transaction commits.
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    assert len(callbacks) == 1
    callbacks[0]()  # the eager Celery task runs the job
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert job.progress == 100
    assert [m["text"] for m in job.messages] == ["Một phần ba", "Gần xong", "Hoàn thành"]
    assert job.files.get().file.read() == b"xong"
    assert job.started_at <= job.finished_at


def test_failure_keeps_its_reason_and_retry_succeeds(django_capture_on_commit_callbacks):
    CALLS["fail"] = True
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_start(kind="tests.flaky")
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error == "Nguồn dữ liệu không phản hồi"
    assert job.progress == 30
    assert not job.files.exists()

    CALLS["fail"] = False
    with django_capture_on_commit_callbacks(execute=True):
        services.job_retry(job=job)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.attempts == 2 and job.error == ""
    with pytest.raises(ValidationError):
        services.job_retry(job=job)


def test_a_job_the_broker_cannot_take_fails_visibly(
    broker_down, monkeypatch, django_capture_on_commit_callbacks
):
    """With the broker down, the job ends failed with the reason (retry sends it again) instead
    of staying "queued" for a message that was never sent, and the request does not fail."""
    CALLS["fail"] = False
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_start(kind="tests.flaky")
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error == services.BROKER_DOWN
    assert job.attempts == 0 and job.finished_at is not None
    monkeypatch.undo()  # the broker "comes back" (tasks run inline again): retry runs it
    with django_capture_on_commit_callbacks(execute=True):
        services.job_retry(job=job)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED


def test_a_job_delivered_twice_runs_once(django_capture_on_commit_callbacks):
    CALLS["fail"] = False
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_start(kind="tests.flaky")
    services.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.attempts == 1 and job.files.count() == 1


def test_unknown_kind_is_refused():
    with pytest.raises(ValidationError, match="Không có loại tác vụ"):
        services.job_start(kind="khong.co")
    assert not Job.objects.exists()


def test_annual_report_job_builds_docx_and_xlsx(demo_ward, django_capture_on_commit_callbacks):
    from lantoa.people import demo as people_demo
    from lantoa.reports import demo as reports_demo

    people_demo.load(log=lambda m: None)
    reports_demo.load(log=lambda m: None)
    year = date.today().year
    user = User.objects.get(username="lanhdao")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_start(kind=ANNUAL_REPORT, params={"year": year, "plan": ""}, user=user)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.error
    names = sorted(f.name for f in job.files.all())
    assert names == [f"bao-cao-ttdn-{year}-phu-luc.xlsx", f"bao-cao-ttdn-{year}.docx"]
    docx = Document(BytesIO(job.files.get(name__endswith=".docx").file.read()))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "BÁO CÁO" in text and f"kết quả công tác thông tin đối ngoại năm {year}" in text
    assert "Xây dựng đội ngũ làm công tác thông tin đối ngoại" in text
    assert "I. KẾT QUẢ THỰC HIỆN" in text and "II. ĐÁNH GIÁ CHUNG" in text and "1. Ưu điểm" in text
    assert f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year + 1}" in text
    assert "Tiếp tục tập huấn cho cán bộ chưa được bồi dưỡng." in text
    workbook = load_workbook(BytesIO(job.files.get(name__endswith=".xlsx").file.read()))
    assert "Tổng hợp" in workbook.sheetnames
    messages = [m["text"] for m in job.messages]
    assert messages[-1] == "Hoàn thành" and any("PDF" in m for m in messages)


def test_home_panel_counts_failed_jobs(client, demo_ward, django_capture_on_commit_callbacks):
    import re

    from django.urls import reverse

    CALLS["fail"] = True
    user = User.objects.get(username="lanhdao")
    with django_capture_on_commit_callbacks(execute=True):
        services.job_start(kind="tests.flaky", user=user)
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = re.search(r'data-panel="reports".*?</section>', html, re.S).group(0)
    assert re.search(r'data-count="Lỗi">1<', panel)
