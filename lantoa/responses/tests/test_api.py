"""The cases API: open, read, act; illegal transitions answer 409 with a Vietnamese message."""

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from lantoa.core.models import User
from lantoa.core.tests.hostile_links import HOSTILE_LINKS
from lantoa.responses.constants import CaseState
from lantoa.responses.models import Case
from lantoa.responses.services import responses_setup

from .factories import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(site):
    responses_setup()


def auth(username):
    _token, key = APIToken.create_token(user=User.objects.get(username=username), name="t")
    return {"Authorization": f"Bearer {key}"}


def act(client, case_id, action, username, **body):
    return client.post(
        f"/api/cases/{case_id}/actions/{action}",
        body,
        content_type="application/json",
        headers=auth(username),
    )


def open_case(client, **extra):
    item = ItemFactory()
    body = {
        "claim": "Phường Quy Nhơn cấm tắm biển vào buổi tối từ tháng sau",
        "severity": "critical",
        "item_ids": [item.pk],
        "topics": ["du lịch"],
        **extra,
    }
    response = client.post(
        "/api/cases", body, content_type="application/json", headers=auth("theodoi")
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_open_read_and_list(client, setup):
    case = open_case(client)
    assert case["state"] == "detected" and case["responsible_user"] == "theodoi"
    assert case["appearances"][0]["url"].startswith("http://127.0.0.1/")
    assert case["warnings"] == []
    detail = client.get(f"/api/cases/{case['id']}", headers=auth("lanhdao")).json()
    assert detail["events"][0]["kind"] == "opened"
    listed = client.get("/api/cases?severity=critical&overdue=false", headers=auth("lanhdao"))
    assert [c["id"] for c in listed.json()] == [case["id"]]
    assert client.get("/api/cases?state=published", headers=auth("lanhdao")).json() == []


def test_long_claim_is_accepted_with_a_warning(client, setup):
    case = open_case(client, claim="Tin đồn " + "rất " * 30 + "dài")
    assert "nên rút gọn" in case["warnings"][0]


def test_bad_input_answers_400_in_vietnamese(client, setup):
    headers = auth("theodoi")
    bad = client.post(
        "/api/cases", {"claim": "Tin đồn"}, content_type="application/json", headers=headers
    )
    assert bad.status_code == 400 and "ít nhất một tin" in bad.json()["detail"]
    bad = client.post(
        "/api/cases",
        {"claim": "A", "item_ids": [999999]},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 400 and "không tồn tại" in bad.json()["detail"]
    case = open_case(client)
    bad = act(client, case["id"], "fly", "theodoi")
    assert bad.status_code == 400 and "Không có thao tác «fly»" in bad.json()["detail"]
    assert Case.objects.count() == 1


def test_illegal_transitions_answer_409(client, setup):
    case = open_case(client)
    refused = act(client, case["id"], "publish", "lanhdao")
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "Chưa thể công bố: vụ việc chưa được xác minh và chưa được lãnh đạo duyệt."
    )
    assert act(client, case["id"], "start_verification", "theodoi").status_code == 200
    assert act(client, case["id"], "set_verdict", "theodoi", verdict="false").status_code == 200
    assert act(client, case["id"], "close", "theodoi").status_code == 409
    assert Case.objects.get(pk=case["id"]).state == CaseState.VERIFYING


def test_whole_path_and_editing_a_published_verdict(client, setup):
    from lantoa.responses.services import clarification_create_from_case

    case = open_case(client)
    case_id = case["id"]
    act(client, case_id, "start_verification", "theodoi")
    act(client, case_id, "set_verdict", "theodoi", verdict="false")
    evidence = client.post(
        f"/api/cases/{case_id}/evidence",
        {
            "kind": "link",
            "title": "Thông báo của UBND phường",
            "source": "UBND phường",
            "date": timezone.localdate().isoformat(),
            "url": "http://127.0.0.1/thong-bao",
        },
        content_type="application/json",
        headers=auth("theodoi"),
    )
    assert evidence.status_code == 201
    clarification_create_from_case(
        case=Case.objects.get(pk=case_id),
        user=User.objects.get(username="theodoi"),
        explanation="Phường không cấm tắm biển buổi tối.",
    )
    assert act(client, case_id, "submit_for_approval", "theodoi").status_code == 200
    forbidden = act(client, case_id, "approve", "theodoi")
    assert forbidden.status_code == 403 and "Chỉ lãnh đạo" in forbidden.json()["detail"]
    approved = act(client, case_id, "approve", "lanhdao")
    assert approved.status_code == 200
    body = approved.json()
    assert body["state"] == "published" and body["published_on_time"] is True
    assert body["clarification_url"].endswith(
        "/lam-ro-thong-tin/" + body["clarification_url"].split("/")[-2] + "/"
    )

    refused = act(client, case_id, "set_verdict", "lanhdao", verdict="accurate")
    assert refused.status_code == 409
    assert "Không được sửa kết luận" in refused.json()["detail"]
    assert Case.objects.get(pk=case_id).verdict == "false"
    assert act(client, case_id, "pause", "lanhdao").status_code == 400  # a reason is required
    assert act(client, case_id, "pause", "lanhdao", note="Kiểm tra lại").json()["state"] == "paused"
    corrected = act(
        client, case_id, "correct", "theodoi", note="Đính chính số liệu", verdict="inaccurate"
    )
    assert corrected.json()["state"] == "drafting" and corrected.json()["verdict"] == "inaccurate"


def test_unit_reporters_see_only_their_units_cases(client, setup):
    case = open_case(client)
    assert client.get(f"/api/cases/{case['id']}", headers=auth("mttq")).status_code == 404
    assert client.get("/api/cases", headers=auth("mttq")).json() == []
    refused = client.post(
        "/api/cases",
        {"claim": "A", "description": "B"},
        content_type="application/json",
        headers=auth("mttq"),
    )
    assert refused.status_code == 403


def test_openapi_documents_the_case_paths(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/cases", "/api/cases/{case_id}", "/api/cases/{case_id}/actions/{action}"} <= set(
        paths
    )
    assert "publish" in paths["/api/cases/{case_id}/actions/{action}"]["post"]["description"]


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_links_other_than_http_or_https_are_refused_with_422_in_vietnamese(client, setup, url):
    case = open_case(client)
    today = timezone.localdate().isoformat()
    attempts = {
        "/api/cases": {
            "claim": "Tin đồn đóng cửa bãi biển",
            "appearances": [{"url": url, "appeared_at": timezone.now().isoformat()}],
        },
        f"/api/cases/{case['id']}/evidence": {
            "kind": "link",
            "title": "Thông báo",
            "source": "UBND phường",
            "date": today,
            "url": url,
        },
        f"/api/cases/{case['id']}/channels": {"kind": "office_site", "date": today, "url": url},
    }
    for path, body in attempts.items():
        response = client.post(path, body, content_type="application/json", headers=auth("theodoi"))
        assert response.status_code == 422, (path, response.content)
        [error] = response.json()["detail"]
        assert error["loc"][-1] == "url"
        assert error["msg"] == (
            "Đường dẫn không hợp lệ: chỉ nhận địa chỉ web bắt đầu bằng http:// hoặc https://."
        )
    assert Case.objects.count() == 1
    stored = Case.objects.get()
    assert not stored.evidence.exists() and not stored.channels.exists()
    assert [a.url for a in stored.appearances.all()] == [case["appearances"][0]["url"]]
