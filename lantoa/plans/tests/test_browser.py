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
