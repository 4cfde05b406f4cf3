"""Monitoring in a real browser: a monitor adds a source, polls it, sees its health, searches
(a syntax error, then a real query with highlights and a facet) and exports the results."""

import pytest
from playwright.sync_api import expect

from lantoa.monitoring import services
from lantoa.monitoring.models import Source
from lantoa.monitoring.permissions import permissions_grant

from .factories import rss

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_monitor_adds_a_source_sees_health_searches_and_exports(demo_ward, admin_login, web):
    web.add(
        "/rss",
        rss(
            {"title": "Lễ hội biển Quy Nhơn thu hút du khách", "link": "http://127.0.0.1/tin/1"},
            {"title": "Qui Nhơn đón đoàn đầu tư Hàn Quốc", "link": "http://127.0.0.1/tin/2"},
            {"title": "Gia Lai khởi công cao tốc", "link": "http://127.0.0.1/tin/3"},
        ),
        headers={"Content-Type": "application/rss+xml"},
    )
    web.add("/hong", "boom", status=500)
    permissions_grant()  # as load_demo does: monitors may add and change sources
    page = admin_login("theodoi")

    # Add two sources through the admin form.
    for name, path in (("Báo Biển Xanh", "/rss"), ("Nguồn hỏng", "/hong")):
        page.goto("/admin/snippets/monitoring/source/add/")
        page.fill("#id_name", name)
        page.select_option("#id_kind", "feed")
        page.fill("#id_url", web.url(path))
        page.select_option("#id_outlet_type", "domestic_press")
        page.select_option("#id_country", "VN")  # 127.0.0.1 names no country
        page.get_by_role("button", name="Lưu").first.click()
        expect(page.locator(".messages")).to_contain_text(name)
    for source in Source.objects.filter(name__in=["Báo Biển Xanh", "Nguồn hỏng"]):
        services.source_poll(source_id=source.pk)

    # Health in plain Vietnamese on the source list.
    page.goto("/admin/snippets/monitoring/source/")
    broken = page.locator("tr", has_text="Nguồn hỏng")
    expect(broken).to_contain_text("Máy chủ của trang đang gặp lỗi (HTTP 5xx)")
    expect(page.locator("tr", has_text="Báo Biển Xanh")).not_to_contain_text("lỗi")

    # A syntax error: a Vietnamese message and a caret under the error.
    page.goto("/admin/search/items/")
    page.fill("#id_q", "quy nhon AND (du lich")
    page.get_by_role("button", name="Tìm").click()
    error = page.locator("[data-search-error]")
    expect(error).to_be_visible()
    expect(error.locator("pre")).to_contain_text("^")

    # A real search: both spellings highlighted, facets, narrowing by the source facet.
    page.fill("#id_q", "quy nhon")
    page.get_by_role("button", name="Tìm").click()
    expect(page.locator("[data-search-count] strong")).to_have_text("2")
    expect(page.locator("mark", has_text="Quy Nhơn")).to_be_visible()
    expect(page.locator("mark", has_text="Qui Nhơn")).to_be_visible()
    facets = page.locator("[data-facets]")
    expect(facets).to_contain_text("vi")
    facets.get_by_role("link", name="Báo Biển Xanh").click()
    expect(page.locator("[data-search-count] strong")).to_have_text("2")

    # Export every result as CSV.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Xuất CSV (tất cả)").click()
    content = download_info.value.path().read_text(encoding="utf-8-sig")
    assert "Lễ hội biển Quy Nhơn thu hút du khách" in content
    assert "Qui Nhơn đón đoàn đầu tư Hàn Quốc" in content
    assert "Gia Lai khởi công cao tốc" not in content
