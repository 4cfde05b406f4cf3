"""Faults and recovery against the real PostgreSQL and Redis: the database restarted during a poll,
the broker unavailable, the raw store's disk full, a worker killed with SIGKILL mid-batch.

Each test breaks the part for real (server-side backend termination, a redis-server stopped, a
tablespace on a full tmpfs, SIGKILL), then checks that the failure is visible, that nothing of the
broken poll was half-saved, and that once the part is back every item is stored exactly once.
They need PostgreSQL (DATABASE_URL=postgres://…); the worker tests also need Redis.
"""

import contextlib
import errno
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from lantoa.monitoring import services
from lantoa.monitoring.constants import FetchOutcome, ItemStatus, SourceKind
from lantoa.monitoring.models import Item, PollRun, RawResponse, Source

from .factories import SourceFactory, article, rss

ROOT = Path(__file__).resolve().parents[3]
POLL_TASK = "lantoa.monitoring.tasks.source_poll_task"
DUE_TASK = "lantoa.monitoring.tasks.sources_poll_due_task"
WAIT = 120  # seconds a test waits for a worker before failing (never a speed assertion)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "fault tests need PostgreSQL: set DATABASE_URL=postgres://… (make test-postgres)"
        )


# --- helpers ------------------------------------------------------------------------------------


def _pg_connect():
    """A connection of our own to the test database, outside Django (autocommit)."""
    import psycopg

    s = connection.settings_dict
    return psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        autocommit=True,
    )


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _terminate_backends(pg, *, keep: tuple[int, ...] = ()) -> int:
    """What a database restart does to its clients: every other session is cut."""
    rows = pg.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() AND NOT pid = ANY(%s)",
        [list(keep)],
    ).fetchall()
    return len(rows)


def _waiting_backend(pg, *, keep: tuple[int, ...] = ()) -> int | None:
    row = pg.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND NOT pid = ANY(%s)",
        [list(keep)],
    ).fetchone()
    return row[0] if row else None


def _wait_for(predicate, what: str, timeout: float = WAIT, proc=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            log = proc.log_path.read_text()[-3000:] if hasattr(proc, "log_path") else ""
            raise AssertionError(f"worker exited ({proc.returncode}) waiting for {what}\n{log}")
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@contextlib.contextmanager
def _search_index_locked():
    """Hold a lock that makes the store transaction wait just after inserting its items (the
    index stage writes search_item_fts): a poll frozen mid-batch, its rows not yet committed."""
    locker = _pg_connect()
    locker.autocommit = False
    locker.execute("LOCK TABLE search_item_fts IN SHARE ROW EXCLUSIVE MODE")
    try:
        yield locker
    finally:
        with contextlib.suppress(Exception):
            locker.rollback()
        locker.close()


def _feed_source(web, n: int, path: str = "/feed") -> tuple[Source, list[str]]:
    links = [f"http://127.0.0.1/fault{path}/{i}" for i in range(n)]
    items = [
        {"title": f"Tin sự cố {path} số {i} về Quy Nhơn", "link": link}
        for i, link in enumerate(links)
    ]
    web.add(path, rss(*items), headers={"Content-Type": "application/rss+xml"})
    return SourceFactory(url=web.url(path)), links


def _poll_again(source: Source) -> PollRun:
    Source.objects.filter(pk=source.pk).update(next_fetch_at=None)
    return services.source_poll(source_id=source.pk)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def _start_worker(workers, broker_url: str, queue: str, **env) -> subprocess.Popen:
    """A real Celery worker (solo pool, acks_late) on the test database."""
    return workers.start(
        broker_url,
        queue,
        DATABASE_URL=_database_url(),
        LANTOA_FETCH_ALLOW_PRIVATE="1",
        LANTOA_FETCH_HOST_INTERVAL="0",
        **env,
    )


def _client(broker_url: str):
    from celery import Celery

    return Celery("lantoa-fault-test", broker=broker_url)


def _assert_stored_once(links: list[str]) -> None:
    stored = list(Item.objects.filter(url__in=links).values_list("url", flat=True))
    assert sorted(stored) == sorted(links)  # none lost, none twice (url_hash is unique too)


# --- database restarted during a poll -----------------------------------------------------------


def test_database_restart_inside_the_store_transaction(web):
    source, links = _feed_source(web, 40)
    pg = _pg_connect()
    killed = []
    with _search_index_locked() as locker:
        locker_pid = locker.info.backend_pid

        def restart_when_mid_batch():
            _wait_for(lambda: _waiting_backend(pg, keep=(locker_pid,)), "the poll to block")
            killed.append(_terminate_backends(pg, keep=(locker_pid,)))

        watcher = threading.Thread(target=restart_when_mid_batch)
        watcher.start()
        run = services.source_poll(source_id=source.pk)
        watcher.join(WAIT)
    pg.close()
    assert killed and killed[0] >= 1
    # The poll failed visibly: recorded as an error with the database's message, backed off.
    assert run.outcome == FetchOutcome.ERROR
    assert "terminating connection" in run.error
    assert run.counts == {ItemStatus.QUARANTINED: 40}
    source.refresh_from_db()
    assert source.consecutive_failures == 1 and source.claimed_until is None
    assert "terminating connection" in source.last_error
    # Nothing half-saved: no items, no raw body of the failed poll.
    assert Item.objects.count() == 0
    assert not RawResponse.objects.filter(poll_run=run).exists()
    # The next run stores every item exactly once; the one after stores nothing new.
    assert _poll_again(source).counts == {ItemStatus.STORED: 40}
    assert _poll_again(source).counts == {ItemStatus.DUPLICATE_URL: 40}
    _assert_stored_once(links)


def test_database_restart_between_stages(web):
    """Cut while the worker fetches the pages of a sitemap (no query running, outside any
    transaction): its next query meets a dead connection."""
    links = [web.url(f"/bai/{i}") for i in range(6)]
    for i, link in enumerate(links):
        web.add(link.removeprefix(web.base), article(f"Bài {i} về lễ hội Quy Nhơn", f"Đoạn {i}."))
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{link}</loc></url>" for link in links)
        + "</urlset>"
    )
    web.add("/sitemap.xml", sitemap, headers={"Content-Type": "application/xml"})
    source = SourceFactory(kind=SourceKind.SITEMAP, url=web.url("/sitemap.xml"))
    pg = _pg_connect()
    page = web.routes["/bai/3"]
    served = page.body

    def restart_then_serve(handler):
        _terminate_backends(pg)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(served)))
        handler.end_headers()
        handler.wfile.write(served)

    page.stream = restart_then_serve
    run = services.source_poll(source_id=source.pk)
    assert run.outcome == FetchOutcome.ERROR
    assert "terminat" in run.error or "closed" in run.error, run.error
    assert Item.objects.count() == 0
    assert not RawResponse.objects.filter(poll_run=run).exists()
    page.stream = None
    pg.close()
    assert _poll_again(source).counts == {ItemStatus.STORED: 6}
    _assert_stored_once(links)
    assert _poll_again(source).stored == 0


# --- disk full for the raw store ----------------------------------------------------------------


@contextlib.contextmanager
def _small_tablespace():
    """A 1 MB tmpfs as a PostgreSQL tablespace (root and a local server needed)."""
    pg = _pg_connect()
    data_directory = pg.execute("SHOW data_directory").fetchone()[0]
    if os.geteuid() != 0 or not Path(data_directory).exists():
        pg.close()
        pytest.skip("needs root and the PostgreSQL server on this machine (tmpfs tablespace)")
    # Not under tmp_path: the server's user must be able to reach it.
    mountpoint = Path(tempfile.mkdtemp(prefix="lantoa-full-"))
    mountpoint.chmod(0o755)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mountpoint)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pg.close()
        mountpoint.rmdir()
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()})")
    name = f"lantoa_full_{uuid.uuid4().hex[:8]}"
    try:
        shutil.chown(mountpoint, "postgres", "postgres")
        pg.execute(f"CREATE TABLESPACE {name} LOCATION '{mountpoint}'")
        try:
            pg.execute(f"ALTER TABLE monitoring_rawresponse SET TABLESPACE {name}")
            yield mountpoint
        finally:
            pg.execute("ALTER TABLE monitoring_rawresponse SET TABLESPACE pg_default")
            pg.execute(f"DROP TABLESPACE {name}")
    finally:
        pg.close()
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)
        with contextlib.suppress(OSError):
            mountpoint.rmdir()


def _fill(mountpoint: Path) -> Path:
    filler = mountpoint / "filler"
    with filler.open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


@contextlib.contextmanager
def _full_tmpfs():
    """The real thing: the raw store's tablespace on a tmpfs filled to the last byte."""
    with _small_tablespace() as mountpoint:
        yield _fill(mountpoint).unlink


@contextlib.contextmanager
def _full_injected():
    """Where a tmpfs cannot be mounted (no root, remote server): the raw store's boundary, an
    INSERT into monitoring_rawresponse, fails inside PostgreSQL with the server's own disk-full
    error (SQLSTATE 53100, the message PostgreSQL gives when it cannot extend a file)."""
    pg = _pg_connect()
    pg.execute(
        "CREATE FUNCTION lantoa_test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION USING ERRCODE = 'disk_full', MESSAGE = 'could not extend file "
        "\"base/raw\": No space left on device', HINT = 'Check free disk space.'; END $$"
    )
    pg.execute(
        "CREATE TRIGGER lantoa_test_disk_full BEFORE INSERT ON monitoring_rawresponse "
        "FOR EACH ROW EXECUTE FUNCTION lantoa_test_disk_full()"
    )

    def free_space():
        pg.execute("DROP TRIGGER IF EXISTS lantoa_test_disk_full ON monitoring_rawresponse")

    try:
        yield free_space
    finally:
        free_space()
        pg.execute("DROP FUNCTION IF EXISTS lantoa_test_disk_full()")
        pg.close()


@pytest.mark.parametrize("disk", ["tmpfs", "injected"])
def test_raw_store_disk_full(web, disk):
    source, links = _feed_source(web, 30)
    with (_full_tmpfs if disk == "tmpfs" else _full_injected)() as free_space:
        run = services.source_poll(source_id=source.pk)
        # Visible: the poll is an error naming the full disk; the source backs off and says why.
        assert run.outcome == FetchOutcome.ERROR
        assert "No space left on device" in run.error
        source.refresh_from_db()
        assert "No space left on device" in source.last_error
        assert source.consecutive_failures == 1 and source.next_fetch_at is not None
        # Nothing half-saved.
        assert Item.objects.count() == 0 and RawResponse.objects.count() == 0
        # Space freed: the next poll stores every item once, with its raw body.
        free_space()
        run = _poll_again(source)
        assert run.counts == {ItemStatus.STORED: 30}
        assert RawResponse.objects.filter(poll_run=run).count() == 1
        _assert_stored_once(links)
        assert _poll_again(source).counts == {ItemStatus.DUPLICATE_URL: 30}


# --- a worker killed with SIGKILL mid-batch -----------------------------------------------------


@pytest.mark.redis
def test_worker_killed_mid_batch_then_restarted(web, redis_url, celery_workers):
    source, links = _feed_source(web, 40)
    queue = f"faults-{uuid.uuid4().hex[:8]}"
    # A short lease and visibility timeout so the test needs seconds, not the production 15 min.
    env = {"LANTOA_POLL_LEASE_SECONDS": "2", "LANTOA_BROKER_VISIBILITY_TIMEOUT": "8"}
    pg = _pg_connect()
    first = _start_worker(celery_workers, redis_url, queue, **env)
    second = None
    try:
        with _search_index_locked() as locker:
            _client(redis_url).send_task(POLL_TASK, args=[source.pk], queue=queue)
            pid = _wait_for(
                lambda: _waiting_backend(pg, keep=(locker.info.backend_pid,)),
                "the worker to be mid-batch",
                proc=first,
            )
            # Its items are inserted but not committed: kill the worker there.
            first.send_signal(signal.SIGKILL)
            first.wait(30)
        _wait_for(
            lambda: (
                not pg.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
            ),
            "the killed worker's session to end",
        )
        assert Item.objects.count() == 0
        killed_run = PollRun.objects.get(source=source)
        assert killed_run.outcome == FetchOutcome.RUNNING
        # Restart: the unacknowledged task comes back (acks_late) and polls the source again.
        second = _start_worker(celery_workers, redis_url, queue, **env)
        _wait_for(
            lambda: PollRun.objects.filter(source=source, outcome=FetchOutcome.OK).exists(),
            "the redelivered poll",
            proc=second,
        )
    finally:
        pg.close()
        celery_workers.stop(first)
        if second is not None:
            celery_workers.stop(second)
    _assert_stored_once(links)
    killed_run.refresh_from_db()
    assert killed_run.outcome == FetchOutcome.ERROR and killed_run.finished_at is not None
    assert killed_run.error == services.WORKER_LOST
    redone = PollRun.objects.get(source=source, outcome=FetchOutcome.OK)
    assert redone.counts == {ItemStatus.STORED: 40}
    source.refresh_from_db()
    assert source.claimed_until is None


# --- the broker unavailable ---------------------------------------------------------------------


def _redis_server(port: int, tmp_path: Path) -> subprocess.Popen:
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_for(lambda: _port_open(port), f"redis-server on port {port}", timeout=30, proc=proc)
    return proc


@pytest.mark.redis
def test_broker_unavailable_then_back(web, tmp_path, celery_workers):
    if not (shutil.which("redis-server") or Path("/usr/bin/redis-server").exists()):
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    sources = [_feed_source(web, 10, path=f"/feed{n}") for n in range(3)]
    links = [link for _source, source_links in sources for link in source_links]
    port = _free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    queue = f"faults-{uuid.uuid4().hex[:8]}"
    redis = _redis_server(port, tmp_path)
    worker = _start_worker(celery_workers, broker, queue)
    try:
        client = _client(broker)
        client.conf.broker_connection_timeout = 1
        # The broker goes away (and the worker loses its connection).
        redis.terminate()
        redis.wait(30)
        from kombu.exceptions import OperationalError

        # Enqueueing fails visibly after a short retry, instead of hanging or dropping silently.
        with pytest.raises(OperationalError):
            client.send_task(
                DUE_TASK,
                queue=queue,
                retry=True,
                retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2},
            )
        # Nothing is lost: the work is the sources' due state in the database, not the message.
        assert Source.objects.filter(next_fetch_at__isnull=True).count() == 3
        assert Item.objects.count() == 0
        # The broker comes back on the same address; the worker reconnects by itself, and the
        # next tick of the schedule (sent here) polls every due source once.
        redis = _redis_server(port, tmp_path)
        client.send_task(DUE_TASK, queue=queue)
        _wait_for(
            lambda: PollRun.objects.filter(outcome=FetchOutcome.OK).count() == 3,
            "the three polls after the broker came back",
            proc=worker,
        )
    finally:
        celery_workers.stop(worker)
        celery_workers.stop(redis)
    _assert_stored_once(links)
    for source, _links in sources:
        assert PollRun.objects.get(source=source).counts == {ItemStatus.STORED: 10}
