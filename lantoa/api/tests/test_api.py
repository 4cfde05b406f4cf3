from wagtail.models import APIToken

from lantoa.core.models import User


def test_health_is_public(client, db):
    assert client.get("/api/health").json() == {"status": "ok"}


def test_me_needs_a_token_and_answers_in_vietnamese(client, demo_ward):
    response = client.get("/api/me")
    assert response.status_code == 401
    assert "khóa API" in response.json()["detail"]


def test_me_with_a_bearer_token(client, demo_ward):
    user = User.objects.get(username="mttq")
    _token, key = APIToken.create_token(user=user, name="test")
    response = client.get("/api/me", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    assert response.json() == {
        "username": "mttq",
        "full_name": "Huỳnh Thị Lan",
        "unit": "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
        "roles": ["Báo cáo đơn vị"],
    }


def test_revoked_token_is_refused(client, demo_ward):
    token, key = APIToken.create_token(user=User.objects.get(username="mttq"), name="old")
    token.revoke()
    assert client.get("/api/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_openapi_docs_are_served_without_a_cdn(client, db):
    html = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn." not in html and "unpkg" not in html
    schema = client.get("/api/openapi.json").json()
    assert "/api/me" in schema["paths"]


def test_validation_errors_and_not_found_answer_in_vietnamese(client, demo_ward):
    _token, key = APIToken.create_token(user=User.objects.get(username="admin"), name="t")
    headers = {"Authorization": f"Bearer {key}"}
    response = client.get("/api/items?limit=abc&offset=-1", headers=headers)
    assert response.status_code == 422
    messages = {tuple(e["loc"]): e["msg"] for e in response.json()["detail"]}
    assert messages[("query", "limit")] == "Phải là số nguyên."
    assert messages[("query", "offset")] == "Phải lớn hơn hoặc bằng 0."
    response = client.get("/api/items/999999", headers=headers)
    assert (response.status_code, response.json()) == (404, {"detail": "Không tìm thấy."})
    schema = client.get("/api/openapi.json").json()
    assert {"401", "404", "422", "429"} <= set(schema["paths"]["/api/items"]["get"]["responses"])
    assert "401" not in schema["paths"]["/api/health"]["get"]["responses"]


def _no_duplicate_keys(pairs):
    keys = [key for key, _value in pairs]
    duplicated = {key for key in keys if keys.count(key) > 1}
    assert not duplicated, f"duplicated keys in the OpenAPI document: {duplicated}"
    return dict(pairs)


def test_the_openapi_document_is_valid_and_names_each_answer_once(client, db):
    """Swagger UI refused the document ("duplicated mapping key"): operations listed 404 twice,
    once as a number from ninja and once as a string from the common answers."""
    import json

    from openapi_spec_validator import validate

    text = client.get("/api/openapi.json").content.decode()
    schema = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    validate(schema)
    own_404 = [
        operation
        for operations in schema["paths"].values()
        for operation in operations.values()
        if "$ref"
        in operation["responses"]
        .get("404", {})
        .get("content", {})
        .get("application/json", {})
        .get("schema", {})
    ]
    assert len(own_404) >= 15  # the operations' own ErrorOut answer, not the common one
