"""One measured run of the latency benchmark: the office's data, the real processes, the timelines.

A run serves a feed (`latency_servers.FeedServer`) registered as a priority source polled every
60 s, a watchlist with two immediate alert rules (e-mail to `SmtpSink`, webhook to `WebhookSink`),
starts the Procfile's `worker` and `beat` on the chosen broker against the benchmark's database,
publishes entries at random moments and waits until each has reached both sinks. The timeline of
each entry is then read back: from the feed (published), the database (poll started, stored,
analysed, alert raised) and the sinks (e-mail received, webhook received).
"""

import contextlib
import itertools
import json
import os
import random
import shlex
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from .latency_servers import Entry, FeedServer, SmtpSink, WebhookSink

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/5"  # the benchmark's own Redis database (flushed per run)
POLL_DUE_TASK = "lantoa.monitoring.tasks.sources_poll_due_task"
WATCHED = "Quy Nhơn"
STOP_WAIT = 30  # seconds a process gets to stop after SIGINT, as in lantoa.run

# The steps of an entry's way, in order: (key, label). `published` is the feed's clock.
MOMENTS = (
    ("published", "published in the feed"),
    ("polled", "poll started"),
    ("stored", "stored (Item)"),
    ("analysed", "analysed (ItemAnalysis)"),
    ("raised", "alert raised"),
    ("email", "e-mail received"),
    ("webhook", "webhook received"),
)


@dataclass
class Timeline:
    token: str
    moments: dict[str, float | None] = field(default_factory=dict)

    def complete(self) -> bool:
        return all(self.moments.get(key) is not None for key, _label in MOMENTS)

    def in_order(self) -> bool:
        """Every moment present and none before the one it follows (both sinks after `raised`)."""
        m = self.moments
        if not self.complete():
            return False
        chain = [m["published"], m["polled"], m["stored"], m["analysed"], m["raised"]]
        return all(a <= b for a, b in itertools.pairwise(chain)) and (
            m["raised"] <= min(m["email"], m["webhook"])
        )


# --- the database -------------------------------------------------------------------------------


def database_url(settings_dict: dict) -> str:
    """The DATABASE_URL under which the worker and beat open the benchmark's database."""
    name = settings_dict["NAME"]
    if "sqlite" in settings_dict["ENGINE"]:
        return f"sqlite:///{name}"
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{name}"


def office_setup(*, webhook_url: str) -> None:
    """A watchlist on “Quy Nhơn” with two immediate alert rules (e-mail, webhook), throttling off:
    every matching entry is to be alerted, so every one can be timed."""
    from lantoa.insights.constants import AlertKind, Channel, Frequency
    from lantoa.insights.models import AlertRule, Watchlist

    watchlist, _created = Watchlist.objects.get_or_create(
        name="Độ trễ: Quy Nhơn", defaults={"query": f'"{WATCHED}"'}
    )
    for channel, target in ((Channel.EMAIL, "theo-doi@localhost"), (Channel.WEBHOOK, webhook_url)):
        AlertRule.objects.update_or_create(
            name=f"Độ trễ: {channel}",
            defaults={
                "kind": AlertKind.MATCH,
                "watchlist": watchlist,
                "frequency": Frequency.IMMEDIATE,
                "channel": channel,
                "target": target,
                "throttle_minutes": 0,
            },
        )


def source_add(feed: FeedServer, *, label: str):
    """The feed as a priority source polled every minute (feed text only, no page fetches)."""
    from lantoa.monitoring.constants import OutletType, SourceKind
    from lantoa.monitoring.services import source_create

    source = source_create(
        url=feed.url,
        kind=SourceKind.FEED,
        name=f"Báo thử độ trễ ({label})",
        outlet_type=OutletType.DOMESTIC_PRESS,
        priority=1,
        poll_min_minutes=1,
        poll_max_minutes=1,
    )
    source.full_text = False
    source.save(update_fields=["full_text"])
    return source


def poll_tick_set(seconds: int) -> None:
    """Set the beat entry that looks for due sources to every `seconds` (as an administrator
    would in the admin): `--poll-tick 60` measures the schedule shipped before the fix."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask, PeriodicTasks

    interval, _created = IntervalSchedule.objects.get_or_create(
        every=seconds, period=IntervalSchedule.SECONDS
    )
    PeriodicTask.objects.filter(task=POLL_DUE_TASK).update(interval=interval)
    PeriodicTasks.update_changed()  # a running beat re-reads its schedule


def poll_tick_seconds() -> int | None:
    from django_celery_beat.models import PeriodicTask

    entry = PeriodicTask.objects.filter(task=POLL_DUE_TASK).select_related("interval").first()
    return entry.interval.every if entry and entry.interval else None


# --- the processes ------------------------------------------------------------------------------


def procfile_commands() -> dict[str, list[str]]:
    from lantoa.run import procfile_entries

    return {name: shlex.split(cmd) for name, cmd in procfile_entries(ROOT / "Procfile")}


def broker_url(broker: str) -> str:
    return "filesystem://" if broker == "embedded" else REDIS_URL


def redis_flush() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


@contextlib.contextmanager
def processes(*, broker: str, database: str, smtp_port: int, work_dir: Path):
    """The Procfile's worker and beat (not web) on `broker`, stopped with SIGINT at the end."""
    if broker == "redis":
        redis_flush()
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": broker_url(broker),
        "LANTOA_VAR_DIR": str(work_dir),
        "LANTOA_CELERY_EAGER": "0",
        "LANTOA_FETCH_ALLOW_PRIVATE": "1",  # the feed and the webhook listen on 127.0.0.1
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(smtp_port),
    }
    commands = procfile_commands()
    started = {}
    try:
        for name in ("worker", "beat"):
            with (work_dir / f"{name}.log").open("w") as log:
                started[name] = subprocess.Popen(
                    commands[name],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
        yield started
    finally:
        for process in started.values():
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in started.values():
            try:
                process.wait(timeout=STOP_WAIT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# --- publishing and reading back ----------------------------------------------------------------


def headlines(data_dir: Path, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """`count` (title, summary) pairs: real Vietnamese headlines when the shared data has them."""
    path = data_dir / "headlines" / "headlines_dev.jsonl"
    rows = []
    if path.is_file():
        with path.open(encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines if line.strip()]
    rows = [(r.get("title", ""), r.get("summary", "")) for r in rows if r.get("title")]
    if len(rows) < count:
        rows += [(f"Tin thử số {n}", f"Nội dung tin thử số {n}.") for n in range(count)]
    return rng.sample(rows, count)


def publish_at_random(
    feed: FeedServer, texts: list[tuple[str, str]], *, prefix: str, window: float, rng
) -> tuple[list[Entry], threading.Thread]:
    """Publish one entry per text at uniformly random moments within `window` seconds from now
    (all at once when `window` is 0), on a thread; the list fills as they appear."""
    offsets = sorted(rng.uniform(0, window) for _text in texts)
    published: list[Entry] = []
    start = time.monotonic()

    def run() -> None:
        for n, (offset, (title, summary)) in enumerate(zip(offsets, texts, strict=True)):
            time.sleep(max(0.0, start + offset - time.monotonic()))
            token = f"{prefix}{n:03d}"
            published.append(
                feed.publish(
                    token=token,
                    title=f"{title} – {WATCHED} [{token}]",
                    summary=f"{summary} ({WATCHED})",
                )
            )

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return published, thread


def _first(received, token: str) -> float | None:
    for message in received:
        if token in message.subject or token in json.dumps(message.payload, ensure_ascii=False):
            return message.at
    return None


def timeline_read(entry: Entry, smtp: SmtpSink, webhook: WebhookSink) -> Timeline:
    """Where `entry` has got to: each moment's epoch time, or None if not reached yet."""
    from lantoa.insights.models import Alert, ItemAnalysis
    from lantoa.monitoring.models import Item

    moments: dict[str, float | None] = {key: None for key, _label in MOMENTS}
    moments["published"] = entry.published
    item = Item.objects.filter(title__contains=f"[{entry.token}]").select_related("poll_run")
    item = item.first()
    if item is not None:
        moments["stored"] = item.fetched_at.timestamp()
        if item.poll_run is not None:
            moments["polled"] = item.poll_run.started_at.timestamp()
        analysed = ItemAnalysis.objects.filter(item=item).values_list("analysed_at", flat=True)
        moments["analysed"] = analysed[0].timestamp() if analysed else None
        raised = Alert.objects.filter(items=item).values_list("created_at", flat=True)
        moments["raised"] = min(raised).timestamp() if raised else None
    with smtp.lock:
        moments["email"] = _first(list(smtp.received), entry.token)
    with webhook.lock:
        moments["webhook"] = _first(list(webhook.received), entry.token)
    return Timeline(token=entry.token, moments=moments)


@dataclass
class RunResult:
    broker: str
    poll_tick: int | None
    timelines: list[Timeline]
    feed_polls: list[float]
    seconds: float
    work_dir: Path


def measure(
    *,
    broker: str,
    database: str,
    smtp: SmtpSink,
    webhook: WebhookSink,
    count: int,
    window: float,
    texts: list[tuple[str, str]],
    rng: random.Random,
    warm_up: bool = True,
    drain_timeout: float = 240.0,
    work_dir: Path | None = None,
    say=print,
) -> RunResult:
    """One run on `broker`: `count` entries over `window` seconds; each then gets up to
    `drain_timeout` seconds after the last publication to reach both sinks. The worker's and
    beat's logs (and the filesystem broker's folders) go to `work_dir`, a new temporary folder
    left for reading when none is given.

    With `warm_up` the entries are published only after the first poll (the steady state an
    office lives in); without it they are all in the feed before the processes start.
    """
    started = time.monotonic()
    work_dir = work_dir or Path(tempfile.mkdtemp(prefix=f"lantoa-latency-{broker}-"))
    prefix = f"LT{broker[0].upper()}{rng.randrange(10**4):04d}-"
    with FeedServer() as feed:
        source_add(feed, label=broker)
        entries: list[Entry] = []
        if not warm_up:
            entries, thread = publish_at_random(feed, texts, prefix=prefix, window=0, rng=rng)
            thread.join()
        with processes(
            broker=broker, database=database, smtp_port=smtp.port, work_dir=work_dir
        ) as running:
            if warm_up:
                say(f"  {broker}: waiting for the first poll of the feed …")
                _wait(lambda: feed.polls(), running, timeout=drain_timeout)
                say(f"  {broker}: publishing {count} entries over {window:.0f} s …")
                entries, thread = publish_at_random(
                    feed, texts, prefix=prefix, window=window, rng=rng
                )
                thread.join()
            _wait(
                lambda: all(timeline_read(e, smtp, webhook).complete() for e in entries),
                running,
                timeout=drain_timeout,
            )
        timelines = [timeline_read(e, smtp, webhook) for e in entries]
        return RunResult(
            broker=broker,
            poll_tick=poll_tick_seconds(),
            timelines=timelines,
            feed_polls=feed.polls(),
            seconds=time.monotonic() - started,
            work_dir=work_dir,
        )


def _wait(done, running: dict, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if done():
            return True
        crashed = [name for name, p in running.items() if p.poll() is not None]
        if crashed:
            raise RuntimeError(f"{', '.join(crashed)} stopped; see its log")
        time.sleep(0.5)
    return False
