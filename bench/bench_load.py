"""Load on a real server: admin list pages and search at 1M items, the public site, the API.

    make bench BENCH_ARGS=load                               # 1,000,000 items
    .venv/bin/python -m bench load --items 100000 --duration 10   # quicker
    .venv/bin/python -m bench load --db sqlite --only admin,baseline  # SQLite, some targets

Gunicorn (as in docs/operations.md: 4 sync workers) serves Lantoa on 127.0.0.1 with production
settings (DJANGO_DEBUG=0, WhiteNoise, persistent database connections) from a PostgreSQL database
(or with --db sqlite a SQLite file) holding the demo ward plus N generated items (the search
benchmark's generator: real headlines recombined; built once and cached, see bench/load_corpus.py:
the database lantoa_load_bench or --db-url, var/bench/load-N.sqlite3). wrk
(`apt-get install wrk`) drives each target for --duration seconds and reports p50/p95/p99,
requests/s and errors (connection errors, timeouts and HTTP ≥ 400); the resident memory of
gunicorn's processes is sampled throughout and its peak printed.

Baselines on the same server in the same run: a static file (WhiteNoise, no view) and the API's
health view (a Django view with no query). The machine is shared, so read each row against them.
Latency targets run with few connections (--latency-connections), throughput targets with many
(--throughput-connections).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.load_corpus import corpus_ensure, database_url, prepare

ROOT = Path(__file__).resolve().parent.parent
SECRET = "lantoa-load-bench-only-not-a-production-secret-0123456789-abcdef"
WRK_SCRIPT = r"""
local paths = {PATHS}
local headers = {HEADERS}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nRESULT {"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, '
    .. '"p50": %d, "p95": %d, "p99": %d, "max": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout + e.status,
    e.status, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max))
end
"""


def main(argv: list[str]) -> None:
    args = _parser().parse_args([a for a in argv if a not in ("load", "bench_load")])
    if args.prepare:
        prepare(args.items)
        return
    wrk = shutil.which("wrk")
    if wrk is None:
        print("wrk is missing: `apt-get install wrk` (Debian) enables the load benchmark.")
        return
    started = time.perf_counter()
    args.db_url = database_url(args.db, args.items, args.db_url)
    corpus_ensure(args.db_url, args.items)
    env = _server_env(args)
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_load", "--prepare", "--items", str(args.items)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"preparing the database failed\n{done.stderr[-3000:]}")
        return
    state = json.loads(done.stdout.strip().splitlines()[-1])
    state["prepare_seconds"] = time.perf_counter() - started
    port = _free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "lantoa.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        _wait_ready(base, server)
        for target in _targets(state, args):
            if args.only and not any(word in target["name"] for word in args.only.split(",")):
                continue
            rows.append(_run_target(wrk, base, target, server.pid, args))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    _print(rows, state, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench_load")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=15, help="seconds per target")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument(
        "--warmup", type=int, default=2, help="unmeasured seconds of the same load before each"
    )
    parser.add_argument("--latency-connections", type=int, default=4)
    parser.add_argument("--throughput-connections", type=int, default=32)
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument(
        "--db-url", "--pg-url", help="the corpus database (default: per --db, see load_corpus)"
    )
    parser.add_argument(
        "--public-cache-seconds",
        default=os.environ.get("LANTOA_PUBLIC_CACHE_SECONDS", "60"),
        help="LANTOA_PUBLIC_CACHE_SECONDS of the server (0: public pages rendered every time)",
    )
    parser.add_argument("--only", default="", help="targets whose name has one of these words")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    return parser


# --- the server ---------------------------------------------------------------------------------


def _server_env(args) -> dict[str, str]:
    static = ROOT / "var" / "bench" / "load-static"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lantoa.settings",
        "DATABASE_URL": args.db_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LANTOA_STATIC_ROOT": str(static),
        "LANTOA_LOG_LEVEL": "WARNING",
        "LANTOA_DB_CONN_MAX_AGE": "600",
        # The per-token API limit (600/min) would otherwise be what this measures.
        "LANTOA_API_RATE_TOKEN": "100000000/min",
        "LANTOA_API_RATE_ANON": "100000000/min",
        "LANTOA_CELERY_EAGER": "1",
        "LANTOA_PUBLIC_CACHE_SECONDS": str(args.public_cache_seconds),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/api/health", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within 120 s")


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    pids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            pids += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


class _MemorySampler(threading.Thread):
    """Peak of the summed RSS of gunicorn's master and workers, and of the largest worker."""

    def __init__(self, master: int):
        super().__init__(daemon=True)
        self.master = master
        self.stop = threading.Event()
        self.peak_total = 0
        self.peak_worker = 0

    def run(self):
        while not self.stop.is_set():
            workers = [_rss_kib(pid) for pid in _children(self.master)]
            self.peak_total = max(self.peak_total, _rss_kib(self.master) + sum(workers))
            self.peak_worker = max(self.peak_worker, max(workers, default=0))
            self.stop.wait(0.2)


# --- targets ------------------------------------------------------------------------------------


def _targets(state: dict, args) -> list[dict]:
    from bench.bench_search import QUERIES

    session = {"Cookie": f"sessionid={state['session']}"}
    token = {"Authorization": f"Bearer {state['token']}"}
    quoted = [urllib.parse.quote(q) for q in QUERIES]
    few, many = args.latency_connections, args.throughput_connections
    return [
        {"name": "baseline: static file", "paths": [state["static"]], "connections": many},
        {"name": "baseline: Django view (/api/health)", "paths": ["/api/health"],
         "connections": many},
        {"name": "public home /en/", "paths": ["/en/"], "connections": many},
        {"name": "public pages (every live page)", "paths": state["pages"],
         "connections": many},
        *({"name": f"public pages, {language} (home, lists, pages)", "paths": paths,
           "connections": many} for language, paths in state.get("public", {}).items()),
        {"name": "admin: items list", "paths": ["/admin/snippets/monitoring/item/"],
         "headers": session, "connections": few},
        {"name": "admin: items list, page 50 + filter", "connections": few, "headers": session,
         "paths": ["/admin/snippets/monitoring/item/?p=50", "/admin/snippets/monitoring/item/"
                   f"?language=vi&source={state['source']}"]},
        {"name": "admin: sources, poll runs, cases, tasks lists", "headers": session,
         "connections": few,
         "paths": ["/admin/snippets/monitoring/source/", "/admin/snippets/monitoring/pollrun/",
                   "/admin/snippets/responses/case/", "/admin/snippets/plans/task/"]},
        {"name": "admin: search page (10 queries)", "headers": session, "connections": few,
         "paths": [f"/admin/search/items/?q={q}" for q in quoted]},
        {"name": "API: search /api/items (10 queries)", "headers": token, "connections": few,
         "paths": [f"/api/items?q={q}" for q in quoted]},
        {"name": "API: latest /api/items + /api/cases", "headers": token, "connections": few,
         "paths": ["/api/items", "/api/cases"]},
    ]  # fmt: skip


def _check(base: str, path: str, headers: dict) -> str:
    request = urllib.request.Request(base + path, headers=headers)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return "" if response.status == 200 else f"{path}: HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return f"{path}: HTTP {exc.code}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _warm_workers(base: str, target: dict, workers: int) -> None:
    """Each path requested by as many concurrent clients as there are workers, twice, each
    waited for (a sync worker takes one request at a time, so each gets one)."""
    headers = target.get("headers", {})
    for _round in range(2):
        for path in target["paths"]:
            clients = [
                threading.Thread(target=_check, args=(base, path, headers)) for _ in range(workers)
            ]
            for client in clients:
                client.start()
            for client in clients:
                client.join(180)


def _run_target(wrk: str, base: str, target: dict, master: int, args) -> dict:
    headers = target.get("headers", {})
    problems = [p for p in (_check(base, path, headers) for path in target["paths"]) if p]
    lua = WRK_SCRIPT.replace(
        "{PATHS}", "{" + ", ".join(json.dumps(p) for p in target["paths"]) + "}"
    ).replace("{HEADERS}", "{" + ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}"
                                             for k, v in headers.items()) + "}")  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    threads = min(2, target["connections"])

    def command(seconds: int) -> list[str]:
        return [wrk, f"-t{threads}", f"-c{target['connections']}", f"-d{seconds}s",
                "--timeout", "10s", "-s", script.name, base]  # fmt: skip

    if args.warmup:
        # Unmeasured: every worker serves these pages once (compiles templates, fills caches)
        # before the clock starts; a cold worker's first page is not what users wait for. On a
        # loaded machine a worker's first admin page takes many seconds: timed warm-up alone
        # left workers still busy with it when the clock started (the first admin target's
        # p95 was that wait), so first each worker gets each page and answers.
        _warm_workers(base, target, args.workers)
        subprocess.run(command(args.warmup), capture_output=True, check=False)
    sampler = _MemorySampler(master)
    sampler.start()
    try:
        done = subprocess.run(command(args.duration), capture_output=True, text=True, check=False)
    finally:
        sampler.stop.set()
        sampler.join()
        os.unlink(script.name)
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk failed on {target['name']}:\n{done.stdout}\n{done.stderr}")
    result = json.loads(line.removeprefix("RESULT "))
    return {
        "name": target["name"],
        "connections": target["connections"],
        "requests": result["requests"],
        "rps": result["requests"] / (result["duration_us"] / 1e6),
        "p50": result["p50"] / 1000,
        "p95": result["p95"] / 1000,
        "p99": result["p99"] / 1000,
        "errors": result["errors"],
        "problems": problems,
        "peak_total_mib": sampler.peak_total / 1024,
        "peak_worker_mib": sampler.peak_worker / 1024,
    }


def _print(rows: list[dict], state: dict, args) -> None:
    command = (
        f"make bench BENCH_ARGS='load --items {args.items} --duration {args.duration} "
        f"--warmup {args.warmup} --public-cache-seconds {args.public_cache_seconds} "
        f"--db {args.db}" + (f" --only {args.only}" if args.only else "") + "'"
    )
    database = (
        f"PostgreSQL parallel query off and shared_buffers {state['shared_buffers']}"
        if state["vendor"] == "postgresql"
        else "SQLite (WAL)"
    )
    cores = os.cpu_count()
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    print(
        f"Load, {state['items']:,} items ({state['corpus']}, {state['prepare_seconds']:.0f} s to "
        f"prepare), gunicorn {args.workers} sync workers, wrk {args.duration} s per target "
        f"after {args.warmup} s unmeasured, "
        f"{cores} cores, load average {load:.1f} at the end, public page cache "
        f"{args.public_cache_seconds} s, {database} (docs/operations.md). `{command}`"
    )
    print(
        "\n| target | conns | requests | req/s | p50 ms | p95 ms | p99 ms | errors "
        "| peak RSS all MiB | peak RSS worker MiB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['name']} | {r['connections']} | {r['requests']:,} | {r['rps']:.0f} "
            f"| {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['errors']} "
            f"| {r['peak_total_mib']:.0f} | {r['peak_worker_mib']:.0f} |"
        )
    for r in rows:
        for problem in r["problems"]:
            print(f"check before {r['name']!r}: {problem}")
    print(
        "Targets: admin and search p95 ≤ 150 ms, public pages ≥ 300 req/s on 2 cores, no errors "
        "(compare each row with the baselines: the machine may be shared)."
    )


if __name__ == "__main__":
    main(sys.argv[1:])
