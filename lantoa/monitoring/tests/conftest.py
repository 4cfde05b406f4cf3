"""A real HTTP server on 127.0.0.1 with scripted routes, and fetch settings for tests."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Route:
    """A scripted response: status, headers, body (bytes, or a callable writing to the socket)."""

    def __init__(self, body=b"", status=200, headers=None, stream=None):
        self.body = body.encode() if isinstance(body, str) else body
        self.status = status
        self.headers = headers or {}
        self.stream = stream
        self.requests: list[dict] = []


class Web:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body=b"", status=200, headers=None, stream=None) -> Route:
        route = Route(body, status, headers, stream)
        self.routes[path] = route
        return route

    def _handler(self):
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                route = web.routes.get(self.path) or web.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                route.requests.append({"headers": dict(self.headers), "at": time.monotonic()})
                if route.stream is not None:
                    route.stream(self)
                    return
                status, headers = route.status, dict(route.headers)
                if callable(status):
                    status, headers = status(self, route)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                body = b"" if status == 304 else route.body
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def web():
    server = Web()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _fetch_settings(settings):
    from lantoa.monitoring import fetcher

    settings.LANTOA_FETCH_ALLOW_PRIVATE = True
    settings.LANTOA_FETCH_HOST_INTERVAL = 0
    settings.LANTOA_FETCH_TOTAL_TIMEOUT = 3
    settings.LANTOA_FETCH_READ_TIMEOUT = 2
    fetcher.robots_cache_clear()
    yield
    fetcher.robots_cache_clear()


@pytest.fixture(autouse=True)
def _fresh_lsh():
    from lantoa.monitoring.pipeline.dedup import LSH

    LSH.reset()
    yield
    LSH.reset()
