"""In a real browser: /api/docs renders every operation from local assets (no CDN), and an
administrator's first-run setup page runs a step and shows its result."""

from urllib.parse import urlsplit

import pytest

from lantoa.core.models import User
from lantoa.core.services import roles_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_show_the_operations_and_the_setup_page_works(page, live_server, client):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    operations = sum(
        len(methods) for methods in client.get("/api/openapi.json").json()["paths"].values()
    )
    page.goto("/api/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() == operations
    body = page.inner_text("body")
    assert "duplicated mapping key" not in body and "Lantoa API" in body
    assert hosts == {urlsplit(live_server.url).netloc}  # Swagger UI's files are served locally

    roles_ensure()
    User.objects.create_superuser("quantri", "quantri@example.vn", "mat-khau-dai-2026")
    page.goto("/admin/login/")
    page.fill("input[name=username]", "quantri")
    page.fill("input[name=password]", "mat-khau-dai-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto("/admin/setup/")
    page.fill("#id_office-place", "Hòa Bình")
    page.fill("#id_office-province", "Lâm Đồng")
    page.locator("#buoc-office button[type=submit]").click()
    page.wait_for_selector("#buoc-office [data-setup-result=ok]")
    assert "Đảng ủy phường Hòa Bình" in page.inner_text("#buoc-office")
    page.locator("#buoc-sources button[type=submit]").click()  # neither a file nor the list
    assert "Chọn một tệp OPML" in page.inner_text("#buoc-sources")
