"""Acceptance 3 in a real browser: a unit reporter submits a report with an attachment, the lead
unit accepts it, and the task's status bucket changes."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lantoa.plans.constants import Bucket, ReportState
from lantoa.plans.models import ProgressReport
from lantoa.plans.permissions import permissions_grant
from lantoa.plans.selectors import task_bucket

from .factories import make_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_submitted_accepted_and_bucket_changes(demo_ward, admin_login, page):
    permissions_grant()
    today = timezone.localdate()
    task = make_task(
        demo_ward,
        lead="ban-xay-dung-dang",
        coordinating=("mttq",),
        title="Quán triệt kế hoạch cho hội viên",
        start_date=today - timedelta(days=10),
        due_date=today + timedelta(days=20),
    )
    assert task_bucket(task) == Bucket.OPEN_WITHIN

    admin_login("mttq")
    page.goto("/admin/plans/my-unit/")
    row = page.locator(f'[data-task="{task.pk}"]')
    expect(row.locator("[data-bucket]")).to_have_text("Đang thực hiện trong hạn")
    row.get_by_role("link", name="Báo cáo").click()
    page.wait_for_url("**/admin/plans/report/**")
    expect(page.locator("select[name=task]")).to_have_value(str(task.pk))
    page.fill("textarea[name=narrative]", "Đã tổ chức 2 hội nghị quán triệt cho hội viên.")
    page.fill("input[name=sessions_held]", "2")
    page.fill("input[name=attendees]", "140")
    page.check("input[name=reports_completion]")
    page.set_input_files(
        "input[name=evidence]",
        files=[{"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 x"}],
    )
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_url("**/admin/plans/my-unit/")
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo")
    expect(page.locator('[data-reports] [data-report-state="submitted"]')).to_have_count(1)
    report = ProgressReport.objects.get(task=task)
    assert report.evidence.count() == 1 and report.attendees == 140

    page.context.clear_cookies()
    admin_login("xaydungdang")
    page.goto("/admin/plans/my-unit/")
    page.locator("[data-to-review]").get_by_role("link", name="Xem xét").click()
    page.wait_for_url(f"**/admin/plans/report/{report.pk}/review/")
    expect(page.locator("[data-evidence]")).to_have_text("bien-ban.pdf")
    page.get_by_role("button", name="Chấp nhận").click()
    page.wait_for_url("**/admin/plans/my-unit/")
    expect(page.locator(f'[data-task="{task.pk}"] [data-bucket]')).to_have_text(
        "Hoàn thành đúng hạn"
    )
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    assert task_bucket(task) == Bucket.COMPLETED_ON_TIME


def test_import_review_screen_accept_reject_pick_lead_and_confirm(demo_ward, admin_login, page):
    """Upload a DOCX made here, see the proposed tasks (with the IV.1 report and the IV.3
    inspection), accept one, reject one, change a lead with the picker, and confirm."""
    import io
    from datetime import date
    from pathlib import Path

    import docx

    from lantoa.plans.models import InspectionPlan, Plan, RequiredReport, Task

    permissions_grant()
    text = (
        Path(__file__).resolve().parents[3] / "bench/corpus/plans-heldout/24-ubnd-phan-bao-cao.txt"
    ).read_text(encoding="utf-8")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)

    admin_login("admin")
    page.goto("/admin/plans/import/")
    page.set_input_files(
        "input[name=file]",
        files=[
            {
                "name": "ke-hoach-131.docx",
                "mimeType": "application/octet-stream",
                "buffer": buffer.getvalue(),
            }
        ],
    )
    page.get_by_role("button", name="Đọc tệp").click()
    rows = page.locator("[data-proposals] tr[data-proposal]")
    expect(rows).to_have_count(5)
    report_row = page.locator('tr[data-proposal="III.1"]')
    expect(report_row.locator("select[name$='-kind']")).to_have_value("required_report")
    expect(report_row).to_contain_text("Ban Thường vụ Đảng ủy")
    # accept II.1 as proposed; reject II.3 and the inspection; II.2 goes to another lead
    page.locator('tr[data-proposal="II.3"] input[name$="-accept"]').uncheck()
    page.locator('tr[data-proposal="III.2"] input[name$="-accept"]').uncheck()
    page.locator('tr[data-proposal="II.2"] select[name$="-lead"]').select_option("hoi-nong-dan")
    page.fill("input[name=start_date]", "2026-09-15")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    page.wait_for_url("**/admin/plans/plan/*/outline/")
    expect(page.locator(".messages")).to_contain_text("131/KH-UBND và tạo 3 mục theo dõi")

    plan = Plan.objects.get(directive__code="131/KH-UBND")
    tasks = {t.source_section.path: t for t in Task.objects.filter(plan=plan, required_report=None)}
    assert sorted(tasks) == ["II.1", "II.2"]
    assert tasks["II.1"].due_date == date(2026, 10, 15)  # "trong vòng 30 ngày kể từ ngày ban hành"
    assert tasks["II.2"].lead_unit.code == "hoi-nong-dan"
    assert tasks["II.2"].deadline_kind == "semiannual"
    report = RequiredReport.objects.get(plan=plan)
    assert (report.reporting_unit.code, report.due_date) == ("ubnd", date(2026, 12, 15))
    assert not InspectionPlan.objects.filter(plan=plan).exists()
