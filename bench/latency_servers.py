"""The outside world of the latency benchmark, each a real server thread on 127.0.0.1.

- `FeedServer`: an RSS 2.0 feed whose entries appear when `publish()` is called (ETag and
  If-None-Match like a real outlet, so the poller's conditional GET is exercised); it logs every
  request it answers.
- `SmtpSink`: a minimal SMTP server (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) over
  socketserver, keeping each message received with the time it arrived (aiosmtpd is not in the
  stack; Django's SMTP backend needs nothing more).
- `WebhookSink`: an HTTP server keeping each JSON body POSTed to it with its arrival time.

Times are `time.time()` (epoch seconds), the clock the database's timestamps are compared with.
"""

import email
import email.policy
import hashlib
import json
import socketserver
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Received:
    """One thing a sink received: when, and what (an e-mail subject and body, or a JSON body)."""

    at: float
    subject: str = ""
    text: str = ""
    payload: dict = field(default_factory=dict)


class _Server:
    """Runs a socketserver server on a daemon thread; `url`/`port` once started."""

    server: socketserver.BaseServer

    def start(self):
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# --- the feed -----------------------------------------------------------------------------------


@dataclass
class Entry:
    token: str  # unique, carried in the title (and so in the alert): how every step finds it
    title: str
    summary: str
    link: str
    published: float  # epoch seconds: the moment the entry appeared in the feed


class FeedServer(_Server):
    """`/feed.xml`: the entries published so far, newest first (at most `keep`)."""

    def __init__(self, *, title: str = "Báo thử nghiệm độ trễ", keep: int = 50):
        self.title = title
        self.keep = keep
        self.entries: list[Entry] = []
        self.requests: list[tuple[float, str, int]] = []  # (time, path, status)
        self.lock = threading.Lock()
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                status, headers, body = feed.answer(self.path, self.headers.get("If-None-Match"))
                with feed.lock:
                    feed.requests.append((time.time(), self.path, status))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/feed.xml"

    def publish(self, *, token: str, title: str, summary: str) -> Entry:
        entry = Entry(
            token=token,
            title=title,
            summary=summary,
            link=f"http://127.0.0.1:{self.port}/bai/{token}",
            published=time.time(),
        )
        with self.lock:
            self.entries.insert(0, entry)
            del self.entries[self.keep :]
        return entry

    def polls(self) -> list[float]:
        """When the feed was asked for (any answer, 304 included)."""
        with self.lock:
            return [at for at, path, _status in self.requests if path.startswith("/feed.xml")]

    def answer(self, path: str, if_none_match: str | None) -> tuple[int, dict, bytes]:
        if not path.startswith("/feed.xml"):
            return 404, {"Content-Type": "text/plain"}, b"not found"
        with self.lock:
            entries = list(self.entries)
        body = self.rss(entries)
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        if if_none_match == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag}, body

    def rss(self, entries: list[Entry]) -> bytes:
        items = "".join(
            "<item>"
            f"<title>{escape(e.title)}</title><link>{escape(e.link)}</link>"
            f'<guid isPermaLink="true">{escape(e.link)}</guid>'
            f"<pubDate>{format_datetime(datetime.fromtimestamp(e.published, UTC))}</pubDate>"
            f"<description>{escape(e.summary)}</description>"
            "</item>"
            for e in entries
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(self.title)}</title><link>http://127.0.0.1:{self.port}/</link>"
            f"<description>{escape(self.title)}</description><language>vi</language>"
            f"{items}</channel></rss>"
        ).encode()


# --- the alert sinks ----------------------------------------------------------------------------


class SmtpSink(_Server):
    """Accepts every message; `received` lists them (subject decoded) in arrival order."""

    def __init__(self):
        self.received: list[Received] = []
        self.lock = threading.Lock()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def say(self, line: str) -> None:
                self.wfile.write(line.encode("ascii") + b"\r\n")

            def handle(self) -> None:
                self.say("220 lantoa-bench SMTP sink")
                while line := self.rfile.readline():
                    verb = line.strip().split(b" ", 1)[0].upper()
                    if verb == b"EHLO":
                        self.wfile.write(b"250-lantoa-bench\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                    elif verb in (b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                        self.say("250 OK")
                    elif verb == b"DATA":
                        self.say("354 End data with <CR><LF>.<CR><LF>")
                        sink.keep(self.read_data())
                        self.say("250 OK: queued")
                    elif verb == b"QUIT":
                        self.say("221 Bye")
                        return
                    else:
                        self.say("502 Command not implemented")

            def read_data(self) -> bytes:
                lines = []
                while (line := self.rfile.readline()) and line.rstrip(b"\r\n") != b".":
                    lines.append(line[1:] if line.startswith(b"..") else line)
                return b"".join(lines)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True

    def keep(self, data: bytes) -> None:
        at = time.time()
        message = email.message_from_bytes(data, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        received = Received(
            at=at,
            subject=str(message.get("Subject", "")),
            text=body.get_content() if body is not None else "",
        )
        with self.lock:
            self.received.append(received)


class WebhookSink(_Server):
    """Answers every POST with 200 and keeps its JSON body."""

    def __init__(self):
        self.received: list[Received] = []
        self.lock = threading.Lock()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                at = time.time()
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    payload = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    payload = {}
                with sink.lock:
                    sink.received.append(
                        Received(at=at, subject=str(payload.get("title", "")), payload=payload)
                    )
                body = b'{"ok": true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"
