"""The admin in a real browser (Debian's Chromium through Playwright)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_admin_logs_in_and_sees_the_dashboard(demo_ward, admin_login, page):
    admin_login("admin")
    assert page.locator("html").get_attribute("lang") == "vi"
    panel = page.locator('[data-panel="core"]')
    panel.wait_for()
    expect(panel.locator('[data-count="Đơn vị"]')).to_have_text(str(len(demo_ward)))
    panel.get_by_role("link", name="Đơn vị").click()
    page.wait_for_url("**/admin/snippets/core/unit/**")
    expect(page.get_by_role("link", name="Ủy ban Mặt trận Tổ quốc Việt Nam phường")).to_be_visible()


def test_wrong_password_is_refused_in_vietnamese(demo_ward, page):
    page.goto("/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "sai-mat-khau")
    page.click("button[type=submit]")
    assert "/admin/login/" in page.url
    expect(page.locator(".messages li.error")).to_contain_text("mật khẩu")
