"""The search page in a real browser: query, highlights, facet, error message, saved search."""

import pytest
from playwright.sync_api import expect

from conftest import menu_click

from .factories import SourceFactory, indexed_items

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_monitor_searches_narrows_by_facet_and_sees_errors(monitor_ward, admin_login):
    gia_lai = SourceFactory(name="Báo Gia Lai")
    reuters = SourceFactory(name="Reuters", outlet_type="foreign_press")
    indexed_items(
        {"title": "Du lịch Quy Nhơn hút khách", "source": gia_lai},
        {"title": "Qui Nhơn đón đoàn đầu tư", "source": gia_lai},
        {"title": "Quy Nhon beach festival", "source": reuters, "language": "en"},
    )
    page = admin_login("theodoi")
    menu_click(page, "Giám sát truyền thông", "Tìm kiếm tin")
    page.fill("#id_q", "quy nhon")
    page.get_by_role("button", name="Tìm").click()
    expect(page.locator("[data-search-count] strong")).to_have_text("3")
    expect(page.locator("mark", has_text="Qui Nhơn")).to_be_visible()

    page.locator("[data-facets]").get_by_role("link", name="Reuters").click()
    expect(page.locator("[data-search-count] strong")).to_have_text("1")
    expect(page.locator(".lantoa-search-results")).to_contain_text("beach festival")

    page.fill("#id_q", '"Quy Nhơn')
    page.get_by_role("button", name="Tìm").click()
    expect(page.locator("[data-search-error]")).to_contain_text("chưa được đóng")
