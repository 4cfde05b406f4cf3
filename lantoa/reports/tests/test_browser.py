"""Acceptance 2 in a real browser: dashboard, unit filter, records; annual report progress."""

import re

import pytest
from playwright.sync_api import expect

from conftest import menu_click
from lantoa.core.jobs import services
from lantoa.core.jobs.models import Job
from lantoa.core.jobs.runner import job_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_all(demo_ward):
    from lantoa.people import demo as people_demo
    from lantoa.reports import demo as reports_demo

    people_demo.load(log=lambda m: None)
    reports_demo.load(log=lambda m: None)
    return demo_ward


def test_leader_filters_clicks_a_figure_and_downloads_the_annual_report(
    demo_all, admin_login, page, monkeypatch, tmp_path
):
    # The worker is this test: jobs stay queued until it runs them, so the page must poll.
    queued = []
    monkeypatch.setattr(services, "_enqueue", lambda job: queued.append(job.pk))

    errors = []  # the charts are drawn from the server's axes (reports/charts.py) without error
    page.on("pageerror", lambda error: errors.append(str(error)))
    admin_login("lanhdao")
    menu_click(page, "Báo cáo", "Số liệu")
    page.wait_for_url("**/admin/reports/")
    page.get_by_label("Đơn vị").first.select_option(label="Phòng Văn hóa - Xã hội phường")
    page.get_by_role("button", name="Xem số liệu").click()
    page.wait_for_url(re.compile(r".*/admin/reports/\?.*unit="))
    figure = page.locator('[data-figure="training"][data-label="Cán bộ đã tập huấn"]')
    expect(figure).to_have_text("3")
    expect(page.locator('[data-empty="tasks"]')).to_have_text("chưa có dữ liệu")
    expect(page.locator("#chart-training")).to_be_visible()
    assert not errors, errors
    figure.click()
    page.wait_for_url("**/admin/snippets/people/staffmember/**")
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.filter(has_text="Phạm Quốc Bảo")).to_have_count(1)

    page.goto("/admin/reports/")
    report_form = page.locator('[data-form="annual-report"]')
    report_form.get_by_role("button", name="Lập báo cáo năm").click()
    page.wait_for_url("**/admin/jobs/**")
    assert len(queued) == 1
    row = page.locator(f'tr[data-job="{queued[0]}"]')
    expect(row.locator('[data-role="state"]')).to_have_text("Đang chờ")

    job_run(job_id=queued[0])
    assert Job.objects.get(pk=queued[0]).state == "succeeded"

    expect(row.locator('[data-role="progress"]')).to_have_attribute("value", "100")
    expect(row.locator('[data-role="state"]')).to_have_text("Hoàn thành")
    link = row.get_by_role("link", name=re.compile(r"\.docx$"))
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.suffix == ".docx" and target.read_bytes()[:2] == b"PK"
