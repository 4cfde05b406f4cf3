"""Shared test fixtures: the demo ward, a real browser, a real Redis and Celery workers, a broker
that is down.

Tests that need something this machine lacks skip with a message saying how to enable it.
"""

import os
import socket
import subprocess
import sys
import uuid
from datetime import datetime, time
from pathlib import Path

import pytest

# Tasks run inline in tests unless a test starts a real worker (see the `redis` marker).
os.environ.setdefault("LANTOA_CELERY_EAGER", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls it makes are sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent
SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM = os.environ.get("LANTOA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session", autouse=True)
def _celery_eager():
    """Run tasks inline. Settings may be read before this file sets LANTOA_CELERY_EAGER, so the
    Celery app is told directly; tests that need a real worker start their own (see `redis`)."""
    from lantoa.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Uploaded files and mail go to a temporary folder, never into var/; fast password hashing;
    no public page cache."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The public page cache outlives a test's database; tests of it turn it on themselves.
    settings.LANTOA_PUBLIC_CACHE_SECONDS = 0
    # So does the admin sidebar's (keyed by who asks): a new version per test.
    from lantoa.core.admin.sidebar import sidebar_invalidate

    sidebar_invalidate()
    yield
    # A request's language stays active in the thread after it (Django's LocaleMiddleware does
    # not undo it): a test that opened a French public page left French to the tests after it.
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def demo_ward(db):
    """The demo ward's units, roles and users (core part of `manage.py load_demo`)."""
    from lantoa.core import demo

    demo.load(log=lambda message: None)
    from lantoa.core.models import Unit

    return {unit.code: unit for unit in Unit.objects.all()}


def office_morning(day):
    """10:00 office time on `day`: a clock for time_machine.move_to (it goes on ticking)."""
    from zoneinfo import ZoneInfo

    from django.conf import settings

    return datetime.combine(day, time(10), tzinfo=ZoneInfo(settings.TIME_ZONE))


@pytest.fixture
def on_demo_day(time_machine):
    """The clock set to 10:00 office time on the day the demo was written for. The demo's records
    are dated back from the day it is loaded, over months: loaded in the first half of a year,
    they fall in two years. A test that reads one year's figures of the demo runs on this day, so
    that the figures it expects do not depend on the day of the run."""
    from lantoa.core.demo import WRITTEN_FOR

    time_machine.move_to(office_morning(WRITTEN_FOR))


@pytest.fixture
def demo_password():
    from lantoa.core.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url():
    url = os.environ.get("LANTOA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    host_port = url.split("//", 1)[1].split("/", 1)[0]
    host, _, port = host_port.rpartition(":")
    if not _port_open(host, int(port)):
        pytest.skip(f"No Redis at {host_port}: start redis-server or set LANTOA_TEST_REDIS_URL")
    return url


class CeleryWorkers:
    """Real Celery worker processes for one test: `start(broker_url, queue, **env)` runs one
    (solo pool) consuming `queue`, its output in `proc.log_path` next to the test's files;
    `stop(proc)` terminates a process (killed if it lingers). The fixture stops what is left."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.started = []

    def start(self, broker_url: str, queue: str, **env):
        log_path = self.tmp_path / f"worker-{uuid.uuid4().hex[:6]}.log"
        with log_path.open("w") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "lantoa", "worker", "--pool=solo",
                 "--loglevel=INFO", f"--queues={queue}", "--without-heartbeat",
                 "--without-gossip", "--without-mingle"],
                cwd=ROOT,
                env={
                    **os.environ,
                    "CELERY_BROKER_URL": broker_url,
                    "CELERY_RESULT_BACKEND": broker_url,
                    "LANTOA_CELERY_EAGER": "0",
                    "LANTOA_VAR_DIR": str(self.tmp_path),
                    **env,
                },
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        proc.log_path = log_path
        self.started.append(proc)
        return proc

    @staticmethod
    def stop(proc) -> None:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


@pytest.fixture
def celery_workers(tmp_path):
    workers = CeleryWorkers(tmp_path)
    yield workers
    for proc in workers.started:
        workers.stop(proc)


@pytest.fixture
def broker_down(monkeypatch):
    """Tasks are sent for real (not run inline) to a Redis address where nothing listens: every
    send meets a refused connection, as when the broker is down."""
    from lantoa.celery import app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", f"redis://127.0.0.1:{port}/0")
    app._pool = app.amqp._producer_pool = None  # connections are made for that address
    yield
    app._pool = app.amqp._producer_pool = None


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"{CHROMIUM} is missing: `apt-get install -y chromium` enables the browser tests"
        )
    playwright_sync = pytest.importorskip("playwright.sync_api")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser page; a screenshot of its last state is saved under var/screenshots/."""
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def admin_login(page, demo_password):
    """Log a demo user into the Wagtail admin through the real login form."""

    def login(username: str, password: str | None = None):
        page.goto("/admin/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password or demo_password)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        return page

    return login


def menu_click(page, pillar: str, entry: str):
    """Open a pillar of the admin menu (Kế hoạch, Giám sát truyền thông, Báo cáo…) and click one
    of its entries, as a person does."""
    page.locator(".sidebar-main-menu__list > .sidebar-menu-item > button", has_text=pillar).click()
    page.locator(".sidebar-sub-menu-panel a", has_text=entry).first.click()


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    chromium = CHROMIUM if Path(CHROMIUM).exists() else "missing (browser tests skip)"
    return [
        f"lantoa database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}",
        f"lantoa browser: {chromium}",
    ]


def pytest_collection_modifyitems(config, items):
    """Tests that restore a database backup replace the whole test database (migration rows
    included) under the tests that follow; they run last."""
    items.sort(key=lambda item: item.get_closest_marker("restores_database") is not None)
