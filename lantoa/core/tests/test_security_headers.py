"""Security headers: strict CSP on the public site and API docs, a compatible one in the admin,
sandboxed uploads, frame denial, referrer policy — checked in HTTP and in a real browser."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect
from wagtail.models import APIToken

from lantoa.core.models import User
from lantoa.core.security.headers import ADMIN, STRICT, UPLOADS, policy_for

pytestmark = pytest.mark.django_db


def directives(policy: str) -> dict[str, str]:
    return {part.split()[0]: part for part in (p.strip() for p in policy.split(";")) if part}


@pytest.mark.parametrize("path", ["/admin/login/", "/api/docs", "/api/health", "/khong-co/"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "object-src 'none'" in csp and "base-uri 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    if not path.startswith("/admin/"):
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in csp


def test_public_site_and_api_docs_allow_no_inline_code(client):
    for path in ("/api/docs", "/khong-co/"):
        policy = directives(client.get(path)["Content-Security-Policy"])
        assert "unsafe-inline" not in policy["script-src"]
        assert "unsafe-eval" not in policy["script-src"]
        assert "unsafe-inline" not in policy["style-src"]


def test_admin_policy_is_limited_to_our_own_origin():
    policy = directives(policy_for("/admin/pages/"))
    assert policy["script-src"] == "script-src 'self'"  # no inline script (nonces below)
    assert policy["frame-ancestors"] == "frame-ancestors 'self'"  # the live preview panel
    assert "http" not in ADMIN and "*" not in ADMIN and "http" not in STRICT


WAGTAIL_INITIALISERS = [
    'new SnippetChooser("id_responsible_unit", {"modalUrl": "/admin/snippets/choose/core/unit/"});',
    'new ImageChooser("id_cover", {"modalUrl": "/admin/images/chooser/"});',
    'initDateChooser("id_evidence\\u002D__prefix__\\u002Ddate", {"dayOfWeekStart": 0});',
    'initDateTimeChooser("id_go_live_at", {"format": "Y-m-d H:i", "parentID": "body"});',
    """(function() {
            var panel = new InlinePanel(JSON.parse("{\\u0022type\\u0022: 1}"));
        })();""",
]
NOT_INITIALISERS = [
    "alert(1)",
    'new ImageChooser("id_cover", {"modalUrl": "/x"}); alert(1);',
    'new ImageChooser("id_cover", {"a": 1}), alert(1), ({});',
    'initDateChooser("id_x", {}); window.__xss = 1; initDateChooser("id_y", {});',
    'new ImageChooser("id_cover" + alert(1), {});',
    'new Function("alert(1)", {})();',
    """(function() { var panel = new InlinePanel(JSON.parse("1")); alert(1); })();""",
]


@pytest.mark.parametrize("script", WAGTAIL_INITIALISERS)
def test_wagtails_own_inline_initialisers_get_the_nonce(script):
    from lantoa.core.security.headers import nonce_wagtail_initialisers, wagtail_initialiser

    assert wagtail_initialiser(script)
    html, found = nonce_wagtail_initialisers(f"<p>x</p><script>{script}</script>", "N0NCE")
    assert found == 1 and html == f'<p>x</p><script nonce="N0NCE">{script}</script>'


@pytest.mark.parametrize("script", NOT_INITIALISERS)
def test_any_other_inline_script_gets_no_nonce(script):
    from lantoa.core.security.headers import nonce_wagtail_initialisers, wagtail_initialiser

    assert not wagtail_initialiser(script)
    page = f"<script>{script}</script><script src='/static/x.js'></script>"
    assert nonce_wagtail_initialisers(page, "N0NCE") == (page, 0)


def test_an_admin_form_page_admits_its_initialisers_by_a_fresh_nonce_only(client, demo_ward):
    import re

    from lantoa.core.models import User

    client.force_login(User.objects.get(username="admin"))
    nonces = set()
    for _ in range(2):
        response = client.get("/admin/snippets/responses/case/add/")
        policy = directives(response["Content-Security-Policy"])
        [nonce] = re.fullmatch(r"script-src 'self' 'nonce-([\w-]+)'", policy["script-src"]).groups()
        html = response.content.decode()
        assert f'<script nonce="{nonce}">new SnippetChooser(' in html
        assert "<script>" not in html  # every inline script there is one of Wagtail's
        nonces.add(nonce)
    assert len(nonces) == 2
    # A page without inline script keeps the plain policy.
    policy = directives(client.get("/admin/")["Content-Security-Policy"])
    assert policy["script-src"] == "script-src 'self'"


def test_uploaded_files_are_sandboxed(settings):
    assert policy_for(settings.MEDIA_URL + "images/x.svg") == UPLOADS
    assert policy_for("/documents/1/bao-cao.html") == UPLOADS
    assert "sandbox" in UPLOADS and "script-src" not in UPLOADS


def test_lantoa_csp_setting_overrides_a_policy(settings):
    settings.LANTOA_CSP = {"public": "default-src 'none'"}
    assert policy_for("/") == "default-src 'none'"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/api/docs", "/admin/login/"])
def test_pages_load_without_csp_violations_and_injected_script_is_blocked(page, path):
    page.add_init_script(
        "window.__csp = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    if path == "/api/docs":
        expect(page.locator(".swagger-ui")).to_be_visible()
        # What an XSS would do: add an inline script. The strict policy refuses to run it.
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
        )
        page.wait_for_function("window.__csp.length > 0")
        assert page.evaluate("window.__ran") is None
        assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))


# --- API rate limits ---------------------------------------------------------------------------


@pytest.fixture
def tight_rates(settings):
    settings.LANTOA_API_RATES = {"token": "5/min", "anon": "3/min"}
    cache.clear()
    yield
    cache.clear()


def test_api_is_rate_limited_per_token(demo_ward, client, tight_rates):
    _first, first_key = APIToken.create_token(user=User.objects.get(username="mttq"), name="a")
    _second, second_key = APIToken.create_token(user=User.objects.get(username="mttq"), name="b")
    statuses = [
        client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {first_key}").status_code
        for _ in range(7)
    ]
    assert statuses == [200] * 5 + [429] * 2
    # Another token of the same user has its own budget.
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {second_key}").status_code == 200


def test_anonymous_api_calls_are_rate_limited_per_address(client, tight_rates):
    from django.test import Client

    assert [client.get("/api/health").status_code for _ in range(4)] == [200, 200, 200, 429]
    # A forged X-Forwarded-For does not buy a fresh budget...
    assert client.get("/api/health", HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429
    # ...but a different client address has its own.
    assert Client(REMOTE_ADDR="10.0.0.8").get("/api/health").status_code == 200
