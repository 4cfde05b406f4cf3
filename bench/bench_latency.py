"""From publication to alert, measured (issue 21): p50/p95 of each step, per broker.

A feed served on 127.0.0.1 is registered as a priority source polled every 60 s; entries that
match a watchlist with two immediate alert rules (e-mail to a local SMTP sink, webhook to a local
HTTP server) are published at random moments, and the Procfile's real `worker` and `beat` carry
them through — once on the embedded filesystem broker (`make run`), once on Redis (database 5) —
against a throw-away database (a temporary SQLite file, or `test_<name>` on PostgreSQL).

    make bench BENCH_ARGS=latency                    # 30 entries over 4 min per broker (~14 min)
    make bench BENCH_ARGS="latency --quick"          # smoke check: 3 entries over 30 s
    .venv/bin/python -m bench latency --broker embedded --poll-tick 60   # the schedule before

`--entries N --window S` change the load; `--json PATH` writes every timeline (the test reads it);
`--tiny` publishes one entry before the processes start (no warm-up), for the end-to-end test.
"""

import argparse
import itertools
import json
import os
import random
import sys
from pathlib import Path

from .bench_monitoring import _table, _test_database
from .latency_run import MOMENTS, RunResult, database_url, measure, office_setup
from .latency_servers import SmtpSink, WebhookSink

COMMAND = "make bench BENCH_ARGS=latency"
GOAL_P95 = 90.0  # seconds, publication → alert delivered (issue 21)

# (label, from moment, to moment): the steps the table shows, then the end-to-end figures.
STEPS = (
    ("waiting for the poll (publication → poll started)", "published", "polled"),
    ("poll: fetch, parse, … store (poll started → stored)", "polled", "stored"),
    ("analyse (stored → analysed)", "stored", "analysed"),
    ("alert stage (analysed → alert raised)", "analysed", "raised"),
    ("e-mail delivery (alert raised → SMTP received)", "raised", "email"),
    ("webhook delivery (alert raised → webhook received)", "raised", "webhook"),
    ("end to end, e-mail (publication → SMTP received)", "published", "email"),
    ("end to end, webhook (publication → webhook received)", "published", "webhook"),
)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (`share` in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-int(share * 1000) * len(ordered) // 1000))  # ceil(share × n), exact
    return ordered[min(rank, len(ordered)) - 1]


def step_rows(result: RunResult) -> list[list[str]]:
    rows = []
    for label, start, end in STEPS:
        values = [
            t.moments[end] - t.moments[start]
            for t in result.timelines
            if t.moments.get(start) is not None and t.moments.get(end) is not None
        ]
        if not values:
            rows.append([label, "–", "–", "–", "0"])
            continue
        rows.append(
            [
                label,
                f"{percentile(values, 0.5):.1f}",
                f"{percentile(values, 0.95):.1f}",
                f"{max(values):.1f}",
                str(len(values)),
            ]
        )
    return rows


def end_to_end_p95(result: RunResult) -> float | None:
    values = [
        max(t.moments["email"], t.moments["webhook"]) - t.moments["published"]
        for t in result.timelines
        if t.complete()
    ]
    return percentile(values, 0.95) if values else None


def poll_gaps(result: RunResult) -> str:
    polls = sorted(result.feed_polls)
    gaps = [b - a for a, b in itertools.pairwise(polls)]
    if not gaps:
        return "–"
    return f"{min(gaps):.0f}–{max(gaps):.0f} s (median {percentile(gaps, 0.5):.0f} s)"


def report(result: RunResult, load: str) -> None:
    done = sum(t.complete() for t in result.timelines)
    _table(
        f"{result.broker} broker: seconds per step ({done}/{len(result.timelines)} entries "
        f"delivered on both channels; beat looks for due sources every {result.poll_tick} s; "
        f"feed polled every {poll_gaps(result)}; load {load})",
        ["step", "p50 s", "p95 s", "max s", "n"],
        step_rows(result),
    )
    p95 = end_to_end_p95(result)
    verdict = "–" if p95 is None else ("MET" if p95 <= GOAL_P95 else "NOT MET")
    shown = "–" if p95 is None else f"{p95:.1f}"
    goal = f"goal ≤ {GOAL_P95:.0f} s: {verdict}"
    print(f"\nEnd to end (both channels delivered) p95 = {shown} s; {goal}")
    print(f"(run took {result.seconds:.0f} s; worker and beat logs in {result.work_dir})")


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} CPUs"


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench latency")
    parser.add_argument("names", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="3 entries over 30 s")
    parser.add_argument("--tiny", action="store_true", help="1 entry, no warm-up (the test)")
    parser.add_argument("--broker", choices=("embedded", "redis", "both"), default="both")
    parser.add_argument("--entries", type=int)
    parser.add_argument("--window", type=float, help="seconds over which entries appear")
    parser.add_argument("--poll-tick", type=int, help="seconds between looks for due sources")
    parser.add_argument("--drain-timeout", type=float, default=240.0)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--json", type=Path, help="write every timeline to this file")
    args = parser.parse_args(argv)
    if args.tiny:
        args.entries, args.window = args.entries or 1, 0.0
    elif args.quick:
        args.entries, args.window = args.entries or 3, args.window or 30.0
    else:
        args.entries, args.window = args.entries or 30, args.window or 240.0
    return args


def main(argv: list[str]) -> None:
    from django.conf import settings
    from django.db import connection

    from .latency_run import headlines, poll_tick_set

    args = parse(argv)
    brokers = ["embedded", "redis"] if args.broker == "both" else [args.broker]
    rng = random.Random(args.seed)
    command = " ".join(["python -m bench", *argv])
    _test_database()
    results = []
    try:
        database = database_url(connection.settings_dict)
        print(f"\nReproduce: {COMMAND}   (this run: {command}; database: {connection.vendor})")
        texts = headlines(Path(settings.DATA_DIR), args.entries * len(brokers), rng)
        with SmtpSink() as smtp, WebhookSink() as webhook:
            office_setup(webhook_url=webhook.url)
            if args.poll_tick:
                poll_tick_set(args.poll_tick)
            for n, broker in enumerate(brokers):
                load = load_average()
                result = measure(
                    broker=broker,
                    database=database,
                    smtp=smtp,
                    webhook=webhook,
                    count=args.entries,
                    window=args.window,
                    texts=texts[n * args.entries : (n + 1) * args.entries],
                    rng=rng,
                    warm_up=not args.tiny,
                    drain_timeout=args.drain_timeout,
                )
                results.append(result)
                report(result, f"{load} at start, {load_average()} at end")
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "command": command,
                    "moments": [key for key, _label in MOMENTS],
                    "runs": [
                        {
                            "broker": r.broker,
                            "poll_tick": r.poll_tick,
                            "timelines": [{"token": t.token, **t.moments} for t in r.timelines],
                        }
                        for r in results
                    ],
                },
                indent=1,
            )
        )
    sys.stdout.flush()
