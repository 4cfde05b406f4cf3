"""The reports app's job kinds (the job machinery itself is tested in lantoa/core/tests)."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from lantoa.core.jobs.constants import JobState
from lantoa.core.jobs.services import job_start
from lantoa.core.models import User
from lantoa.reports.constants import ANNUAL_REPORT

pytestmark = pytest.mark.django_db


def test_annual_report_job_builds_docx_and_xlsx(demo_ward, django_capture_on_commit_callbacks):
    from lantoa.people import demo as people_demo
    from lantoa.reports import demo as reports_demo

    people_demo.load(log=lambda m: None)
    reports_demo.load(log=lambda m: None)
    year = date.today().year
    user = User.objects.get(username="lanhdao")
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(kind=ANNUAL_REPORT, params={"year": year, "plan": ""}, user=user)
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
