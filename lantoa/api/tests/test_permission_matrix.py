"""The API's permission matrix: every demo role, through a real API token, on the business
endpoints — what each may list, read and change, and unit scoping (a unit reporter of one unit
gets 404 for another unit's case, and never sees it in a list)."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import APIToken

from lantoa.core.demo import USERS
from lantoa.core.models import User
from lantoa.responses.services import case_open

pytestmark = pytest.mark.django_db

# who may open a case (responses.add_case) and change one (change_case)
ADD = {"xaydungdang", "theodoi", "phanung", "admin"}
CHANGE = {"lanhdao", "xaydungdang", "theodoi", "phanung", "admin"}
SCOPED = {"mttq": "mttq", "doanthanhnien": "doan-thanh-nien", "ubnd": "ubnd"}


@pytest.fixture
def cases(demo_ward, settings):
    settings.LANTOA_API_RATES = {"token": "100000/min", "anon": "100000/min"}
    call_command("roles_ensure", stdout=io.StringIO())  # the rights of a production install
    admin = User.objects.get(username="admin")
    return {
        code: case_open(
            claim=f"Tin sai liên quan {code}",
            description="Bài đăng sai sự thật",
            user=admin,
            responsible_unit=demo_ward[code],
        ).pk
        for code in ("mttq", "ubnd", "doan-thanh-nien")
    }


def _headers(username):
    _token, key = APIToken.create_token(user=User.objects.get(username=username), name="m")
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("username", [u[0] for u in USERS] + ["admin"])
def test_case_endpoints_per_role(client, cases, username):
    headers = _headers(username)
    user = User.objects.get(username=username)
    listed = {c["id"] for c in client.get("/api/cases", headers=headers).json()}
    own_unit = SCOPED.get(username)
    if own_unit:
        assert listed == {cases[own_unit]}
    else:
        assert listed == set(cases.values())
    for code, case_id in cases.items():
        detail = client.get(f"/api/cases/{case_id}", headers=headers)
        visible = own_unit in (None, code)
        assert detail.status_code == (200 if visible else 404), (code, detail.content)
        evidence = client.post(
            f"/api/cases/{case_id}/evidence",
            {
                "kind": "link",
                "title": "Thông báo của UBND phường",
                "source": "UBND phường",
                "date": "2026-11-20",
                "url": "https://example.vn/a",
            },
            content_type="application/json",
            headers=headers,
        )
        if not visible:  # refused either way: no right to change cases, or not found
            assert evidence.status_code in (403, 404), (code, evidence.content)
        else:
            expected = 201 if user.has_perm("responses.change_case") else 403
            assert evidence.status_code == expected, (code, evidence.content)
    created = client.post(
        "/api/cases",
        {"claim": "Tin sai mới về Quy Nhơn", "description": "Mô tả"},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == (201 if user.has_perm("responses.add_case") else 403)
    # The roles' rights are what the office decided (responses/services/setup.py).
    assert user.has_perm("responses.add_case") == (username in ADD)
    assert user.has_perm("responses.change_case") == (username in CHANGE)


def test_a_unit_reporter_never_sees_another_units_case_in_filters_or_exports(client, cases):
    headers = _headers("mttq")
    other = cases["ubnd"]
    for query in ("", "?q=ubnd", "?state=new", f"?q={other}"):
        assert other not in {
            c["id"] for c in client.get(f"/api/cases{query}", headers=headers).json()
        }
    client.force_login(User.objects.get(username="mttq"))
    for fmt in ("csv", "xlsx"):
        # Unit reporters have no case list in the admin at all: the export is refused too.
        response = client.get(f"/admin/snippets/responses/case/?export={fmt}")
        assert (response.status_code, response.url) == (302, "/admin/")
