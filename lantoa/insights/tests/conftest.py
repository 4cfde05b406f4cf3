import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class WebhookServer(ThreadingHTTPServer):
    """A real HTTP server recording every request made to it (`received`, JSON bodies decoded).

    It answers from `replies`, one per request while there are any, then 200 `{"ok": true}`;
    a reply is `(status, headers, body)`."""

    def __init__(self, host: str = "127.0.0.1"):
        self.received: list[dict] = []
        self.replies: list[tuple[int, dict, bytes]] = []
        super().__init__((host, 0), _Handler)
        self.url = f"http://{host}:{self.server_address[1]}/hook"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    def _record(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        raw = self.rfile.read(length).decode("utf-8") if length else ""
        self.server.received.append(
            {
                "method": self.command,
                "path": self.path,
                "content_type": self.headers.get("Content-Type"),
                "body": json.loads(raw) if raw else None,
            }
        )
        status, headers, body = (
            self.server.replies.pop(0) if self.server.replies else (200, {}, b'{"ok": true}')
        )
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _record

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook():
    """A real HTTP server on 127.0.0.1 recording every request POSTed to it."""
    server = WebhookServer()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _outbound_settings(settings):
    """Deliveries may reach the test servers on 127.0.0.1, as monitoring's fetch tests do; the
    tests of the outbound guard turn this off."""
    settings.LANTOA_FETCH_ALLOW_PRIVATE = True
    settings.LANTOA_FETCH_TOTAL_TIMEOUT = 5


@pytest.fixture(autouse=True)
def _eager_celery():
    """Run insights tasks inline. (The root conftest sets LANTOA_CELERY_EAGER after Django has
    read its settings under pytest-django, so the setting alone is not enough here.)"""
    from lantoa.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True)
def _fresh_story_index():
    """The story-linking index lives in the worker's memory: each test starts without one."""
    from lantoa.insights.services.stories import INDEX

    INDEX.reset()
    yield
    INDEX.reset()
