"""The search command, the REST API and the admin pages."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from wagtail.models import APIToken

from lantoa.core.models import User
from lantoa.monitoring.search.models import SavedSearch
from lantoa.monitoring.search.views import PAGE_SIZE

from .factories import SourceFactory, indexed_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    source = SourceFactory(name="Báo Gia Lai")
    specs = [
        {"title": f"Quy Nhơn tin số {n}", "summary": f"Tóm tắt {n}"} for n in range(PAGE_SIZE + 5)
    ]
    specs.append({"title": '=HYPERLINK("http://evil") Quy Nhơn', "summary": "+cmd|' /C calc'!A0"})
    specs.append({"title": "Tin khác", "language": "en"})
    return indexed_items(*specs, source=source)


def run_command(*args) -> str:
    out = io.StringIO()
    call_command("search", *args, stdout=out)
    return out.getvalue()


def test_command_json_has_the_total_count_and_the_agreed_fields(items):
    data = json.loads(run_command("quy nhon", "--json", "--limit", "3"))
    assert data["count"] == PAGE_SIZE + 6
    assert len(data["results"]) == 3
    assert set(data["results"][0]) == {"id", "title", "url", "source", "language", "published"}
    assert data["results"][0]["source"] == "Báo Gia Lai"
    assert set(data) == {"count", "results"}


def test_command_text_output_and_errors(items):
    assert "Tin khác" in run_command("lang:en")
    with pytest.raises(CommandError) as caught:
        run_command("quy AND (nhon")
    assert "chưa được đóng" in str(caught.value)
    assert "^" in str(caught.value)


def test_command_reindex(items):
    assert "Đã lập chỉ mục" in run_command("--reindex")


@pytest.fixture
def token_headers(monitor_ward):
    _token, key = APIToken.create_token(user=User.objects.get(username="theodoi"), name="t")
    return {"Authorization": f"Bearer {key}"}


def test_api_search_needs_a_token(client, items):
    assert client.get("/api/items", {"q": "quy"}).status_code == 401


def test_api_search_pages_and_counts(client, items, token_headers):
    response = client.get("/api/items", {"q": "quy nhon", "limit": 5}, headers=token_headers)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == PAGE_SIZE + 6
    assert len(body["results"]) == 5
    first = body["results"][0]
    assert first["source"] == "Báo Gia Lai" and "Quy Nhơn" in first["title"]
    second = client.get(
        "/api/items", {"q": "quy nhon", "limit": 5, "offset": 5}, headers=token_headers
    ).json()
    assert not {r["id"] for r in second["results"]} & {r["id"] for r in body["results"]}


def test_api_counts_up_to_a_bound_unless_asked_for_the_exact_count(
    client, items, token_headers, monkeypatch
):
    """Beyond the bound the API stops counting and says so (`count_capped`), as the admin does;
    `exact=true` counts every match."""
    from lantoa.monitoring.search import api

    monkeypatch.setattr(api, "COUNT_BOUND", 10)
    capped = client.get("/api/items", {"q": "quy nhon"}, headers=token_headers).json()
    assert (capped["count"], capped["count_capped"]) == (10, True)
    ids = [r["id"] for r in capped["results"]]
    assert ids == sorted(ids, reverse=True) and len(ids) == 20
    exact = client.get(
        "/api/items", {"q": "quy nhon", "exact": "true"}, headers=token_headers
    ).json()
    assert (exact["count"], exact["count_capped"]) == (PAGE_SIZE + 6, False)
    few = client.get("/api/items", {"q": "lang:en"}, headers=token_headers).json()
    assert (few["count"], few["count_capped"]) == (1, False)
    everything = client.get("/api/items", headers=token_headers).json()
    assert (everything["count"], everything["count_capped"]) == (10, True)


def test_api_orders_newest_first_or_best_first(client, items, token_headers):
    source = items[0].source
    best, newer = indexed_items(
        {"title": "Lễ hội Tây Sơn", "summary": "Lễ hội Tây Sơn năm nay, lễ hội lớn"},
        {"title": "Tin ngắn", "summary": "Có nhắc đến lễ hội"},
        source=source,
    )
    headers = token_headers

    def first(**params) -> int:
        return client.get("/api/items", params, headers=headers).json()["results"][0]["id"]

    assert first(q="le hoi") == newer.id
    assert first(q="le hoi", order="relevance") == best.id
    assert client.get("/api/items", {"order": "oldest"}, headers=headers).status_code == 422


def test_api_invalid_query_is_a_vietnamese_400(client, items, token_headers):
    response = client.get("/api/items", {"q": '"Quy Nhơn'}, headers=token_headers)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Dấu ngoặc kép ở vị trí 1 chưa được đóng.",
        "position": 0,
    }


def test_api_item_detail(client, items, token_headers):
    item = items[0]
    body = client.get(f"/api/items/{item.id}", headers=token_headers).json()
    assert body["id"] == item.id and body["title"] == item.title and "text" in body
    assert client.get("/api/items/999999", headers=token_headers).status_code == 404


def test_items_are_for_the_media_roles_only(client, items, token_headers):
    """A unit reporter (no right to view items) is refused by the API, the admin search and its
    export alike; the monitor with the right reads them."""
    reporter = User.objects.get(username="mttq")
    _token, key = APIToken.create_token(user=reporter, name="r")
    headers = {"Authorization": f"Bearer {key}"}
    refused = client.get("/api/items", {"q": "quy"}, headers=headers)
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Bạn không có quyền xem tin đã thu thập."}
    assert client.get(f"/api/items/{items[0].id}", headers=headers).status_code == 403
    client.force_login(reporter)
    for url in ("/admin/search/items/", "/admin/search/items/export/csv/"):
        # Wagtail turns a refused admin view into a redirect to the dashboard with a message.
        response = client.get(url, {"q": "quy"})
        assert (response.status_code, response.url) == (302, "/admin/")
    client.force_login(User.objects.get(username="theodoi"))
    assert client.get("/admin/search/items/", {"q": "quy"}).status_code == 200


def test_api_is_documented(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/items" in paths and "/api/items/{id}" in paths
    params = {p["name"] for p in paths["/api/items"]["get"]["parameters"]}
    assert {"q", "limit", "offset"} <= params


@pytest.fixture
def admin_client(client, demo_ward):
    client.force_login(User.objects.get(username="admin"))
    return client


def test_admin_results_page_has_highlights_facets_and_paging(admin_client, items):
    html = admin_client.get("/admin/search/items/", {"q": "quy nhon"}).content.decode()
    assert "<mark>Quy Nhơn</mark>" in html
    assert f"<strong>{PAGE_SIZE + 6}</strong>" in html
    assert "Báo Gia Lai</a> (" in html
    assert "p=2" in html
    page2 = admin_client.get("/admin/search/items/", {"q": "quy nhon", "p": 2}).content.decode()
    assert "<mark>" in page2


def test_admin_results_page_explains_errors(admin_client, items):
    response = admin_client.get("/admin/search/items/", {"q": "nhon AND (quy"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "chưa được đóng" in html and "data-search-error" in html


def test_csv_export_has_every_result_and_neutralises_formulas(admin_client, items):
    response = admin_client.get("/admin/search/items/export/csv/", {"q": "quy nhon"})
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 1 + PAGE_SIZE + 6
    evil = next(row for row in rows if "HYPERLINK" in row[1])
    assert evil[1].startswith("'=") and evil[6].startswith("'+")


def test_xlsx_export_has_every_result(admin_client, items):
    response = admin_client.get("/admin/search/items/export/xlsx/", {"q": "quy nhon"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 1 + PAGE_SIZE + 6
    evil = next(row for row in rows if "HYPERLINK" in str(row[1]))
    assert evil[1].startswith("'=")


def test_export_of_an_invalid_query_is_a_400(admin_client, items):
    response = admin_client.get("/admin/search/items/export/csv/", {"q": "ab*"})
    assert response.status_code == 400
    assert "ít nhất 3 ký tự" in response.content.decode()


def test_saved_search_is_created_with_its_owner_and_validated(admin_client, items):
    add = "/admin/search/saved/new/"
    form = admin_client.get(add, {"query": "quy nhon"}).content.decode()
    assert "quy nhon" in form
    bad = admin_client.post(add, {"name": "Sai", "query": "(quy"})
    assert bad.status_code == 200 and SavedSearch.objects.count() == 0
    admin_client.post(add, {"name": "Quy Nhơn", "query": "quy nhon", "is_shared": "on"})
    saved = SavedSearch.objects.get()
    assert saved.owner.username == "admin"
    html = admin_client.get("/admin/search/items/").content.decode()
    assert "Quy Nhơn</a>" in html


def test_only_the_owner_edits_a_saved_search(client, demo_ward):
    from lantoa.core.constants import Role
    from lantoa.monitoring.search import demo

    demo.load(log=lambda message: None)
    owner = User.objects.get(username="theodoi")
    other = User.objects.get(username="lanhdao")
    assert other.groups.filter(name=Role.LEADER.value).exists()
    private = SavedSearch.objects.create(name="Riêng", query="quy nhon", owner=owner)
    shared = SavedSearch.objects.create(name="Chung", query="gia lai", owner=owner, is_shared=True)
    client.force_login(other)
    listing = client.get("/admin/search/saved/").content.decode()
    assert "Chung" in listing and "Riêng" not in listing
    assert client.get(f"/admin/search/saved/edit/{private.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/search/saved/edit/{shared.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/search/saved/inspect/{shared.pk}/").status_code == 200
    client.force_login(owner)
    assert client.get(f"/admin/search/saved/edit/{private.pk}/").status_code == 200
