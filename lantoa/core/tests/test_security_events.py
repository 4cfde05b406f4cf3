"""Security events (one service, an administrators' page), proxy trust and the limit on failed
API authentication."""

import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lantoa.core.models import User
from lantoa.core.security.events import SecurityEventKind, security_event_record
from lantoa.core.security.models import SecurityEvent
from lantoa.core.security.proxy import client_address

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_an_event_is_a_row_and_a_site_history_entry_with_the_trusted_address(demo_ward):
    request = RequestFactory().get(
        "/admin/x/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    user = User.objects.get(username="mttq")
    security_event_record(
        kind=SecurityEventKind.UPLOAD_REFUSED,
        message="Tệp .exe bị từ chối.",
        request=request,
        user=user,
        target="x.exe",
    )
    event = SecurityEvent.objects.get()
    assert (event.kind, event.user, event.address, event.target, event.path) == (
        "upload_refused",
        user,
        "192.0.2.7",  # no proxy configured: the forged X-Forwarded-For is ignored
        "x.exe",
        "/admin/x/",
    )
    entry = ModelLogEntry.objects.get(action="lantoa.security_event")
    assert entry.object_id == str(event.pk) and entry.user_id == user.pk


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown"):
        security_event_record(kind="guess", message="x")


def test_the_events_page_is_for_administrators_only(demo_ward):
    security_event_record(kind=SecurityEventKind.OUTBOUND_REFUSED, message="127.0.0.1 bị chặn")
    url = reverse("security_events:index")
    admin = Client()
    admin.force_login(User.objects.get(username="admin"))
    page = admin.get(url)
    assert page.status_code == 200 and "127.0.0.1 bị chặn" in page.content.decode()
    leader = Client()
    leader.force_login(User.objects.get(username="lanhdao"))
    assert leader.get(url).status_code in (302, 403)
    assert "127.0.0.1 bị chặn" not in leader.get(url, follow=True).content.decode()


def test_a_lockout_is_recorded(demo_ward, client, clean_cache):
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "bientap", "password": "sai"})
    event = SecurityEvent.objects.get(kind=SecurityEventKind.LOCKOUT)
    assert event.target == "bientap" and event.address == "127.0.0.1"


def test_a_permission_refusal_is_recorded(demo_ward):
    reporter = Client()
    reporter.force_login(User.objects.get(username="mttq"))
    response = reporter.get(reverse("plans_admin:annual_report"))
    assert response.status_code == 302  # Wagtail's refusal: back to the dashboard with a message
    event = SecurityEvent.objects.get(kind=SecurityEventKind.PERMISSION_REFUSED)
    assert event.user.username == "mttq" and event.path == reverse("plans_admin:annual_report")


# --- proxy trust -------------------------------------------------------------------------------


def test_forwarded_for_is_believed_only_through_the_configured_proxies(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4")
    settings.LANTOA_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.1"
    settings.LANTOA_PROXY_COUNT = 1
    assert client_address(request) == "198.51.100.4"
    settings.LANTOA_PROXY_COUNT = 2
    assert client_address(request) == "6.6.6.6"
    garbage = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="<script>")
    assert client_address(garbage) == "10.0.0.1"


def _production_setting(name: str, **env: str) -> str:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='lantoa.settings';"
        f"from django.conf import settings; print(repr(settings.{name}))"
    )
    environment = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "production-" + secrets.token_hex(24),
        "PATH": "/usr/bin:/bin",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
        check=True,
    )
    return done.stdout.strip()


def test_x_forwarded_proto_is_trusted_only_with_a_proxy_count():
    assert _production_setting("SECURE_PROXY_SSL_HEADER", LANTOA_PROXY_COUNT="0") == "None"
    assert _production_setting("SECURE_PROXY_SSL_HEADER", LANTOA_PROXY_COUNT="1") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_without_a_proxy_a_forwarded_https_request_is_not_secure(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = None  # what LANTOA_PROXY_COUNT=0 configures
    request = RequestFactory().get("/", HTTP_X_FORWARDED_PROTO="https")
    assert not request.is_secure()


def test_a_forged_forwarded_for_does_not_escape_a_login_lockout(demo_ward, clean_cache):
    client = Client(REMOTE_ADDR="192.0.2.50")
    for attempt in range(django_settings.AXES_FAILURE_LIMIT + 2):
        response = client.post(
            "/admin/login/",
            {"username": "bientap", "password": "sai"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )
    assert response.status_code == 429


# --- failed API authentication -----------------------------------------------------------------


def test_random_tokens_are_refused_then_rate_limited_per_address(demo_ward, settings, clean_cache):
    settings.LANTOA_API_RATES = {"token": "600/min", "anon": "600/min", "auth_failures": "20/min"}
    client = Client(REMOTE_ADDR="192.0.2.10")
    statuses = [
        client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secrets.token_urlsafe(24)}").status_code
        for _ in range(150)
    ]
    assert statuses[:20] == [401] * 20
    assert set(statuses[20:]) == {429}
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.AUTH_FAILED).count() == 1
    # Another address still gets an honest 401, and a forged X-Forwarded-For is no other address.
    assert Client(REMOTE_ADDR="192.0.2.11").get("/api/me").status_code == 401
    forged = client.get("/api/me", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert forged.status_code == 429
