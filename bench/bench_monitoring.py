"""Monitoring ingest throughput and memory, beside the raw libraries on the same data.

(a) full pages (extraction included) from $LANTOA_DATA_DIR/extraction vs bare trafilatura.extract;
(b) feed entries (title + summary) from headlines/headlines_dev.jsonl, end to end into the
    database (and the search index when the search app provides it) vs a bare bulk insert;
(d) the worker's peak memory (ru_maxrss).
Also: extraction quality against ground-truth.json (bag-of-words precision/recall/F1).

Runs in a throw-away database (a temporary SQLite file, or `test_<name>` on PostgreSQL).
"""

import gzip
import json
import os
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

COMMAND = "make bench BENCH_ARGS=monitoring"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _table(title: str, header: list[str], rows: list[list]) -> None:
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", (text or "").lower()))


def _prf(predicted: str, truth: str) -> tuple[float, float, float]:
    p, t = _words(predicted), _words(truth)
    overlap = sum((p & t).values())
    precision = overlap / max(1, sum(p.values()))
    recall = overlap / max(1, sum(t.values()))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return precision, recall, f1


def _round_url(url: str, tag: str) -> str:
    """`url` made unique for one round: `round=tag` added to its query, its fragment dropped
    (a fragment is not part of the address the pipeline stores)."""
    parts = urlsplit(url)
    query = f"{parts.query}&round={tag}" if parts.query else f"round={tag}"
    return urlunsplit(parts._replace(query=query, fragment=""))


def _test_database():
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="lantoa-bench-")) / "bench.sqlite3"
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(path)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return connection


def bench_pages(data_dir: Path, repeat: int) -> None:
    import trafilatura

    from lantoa.monitoring.constants import SourceKind
    from lantoa.monitoring.models import Item
    from lantoa.monitoring.pipeline import hooks
    from lantoa.monitoring.pipeline.extract import EXTRACT_OPTIONS, extract_page
    from lantoa.monitoring.pipeline.language import identifier
    from lantoa.monitoring.services import pages_ingest, source_create

    html_dir = data_dir / "extraction" / "html"
    if not html_dir.is_dir():
        print(f"\n(a) skipped: {html_dir} absent")
        return
    truth = json.loads((data_dir / "extraction" / "ground-truth.json").read_text())
    pages = []
    for path in sorted(html_dir.glob("*.html.gz")):
        key = path.name.removesuffix(".html.gz")
        url = truth.get(key, {}).get("url") or f"https://example.org/{key}"
        pages.append((key, url, gzip.decompress(path.read_bytes())))
    # Warm both paths (imports, lazy models) outside the timings.
    trafilatura.extract(pages[0][2])
    extract_page(pages[0][2], url=pages[0][1])
    identifier()
    registered = (list(hooks.analysers.callbacks), list(hooks.alerters.callbacks))

    def bare(options: dict) -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        for _key, _url, body in pages:
            trafilatura.extract(body, **options)
        return time.perf_counter() - start, time.process_time() - cpu

    def ours(tag: str) -> float:
        source = source_create(
            url=f"https://bench.example/{tag}", kind=SourceKind.PAGE, name=f"bench {tag}"
        )
        # Unique URLs per round so every page is stored, not deduplicated.
        batch = [(_round_url(url, tag), body) for _key, url, body in pages]
        start, cpu = time.perf_counter(), time.process_time()
        for offset in range(0, len(batch), 30):
            pages_ingest(source=source, pages=batch[offset : offset + 30])
        return time.perf_counter() - start, time.process_time() - cpu

    times: dict[str, list[tuple[float, float]]] = {
        "default": [],
        "product": [],
        "db": [],
        "all": [],
    }
    for round_no in range(repeat):
        # Alternate the paths in each round so that none always runs on a quieter machine.
        times["default"].append(bare({}))
        times["product"].append(bare(EXTRACT_OPTIONS))
        # The analysed path goes first in round 1: its pages are new (each a story of its own
        # for the linker); in later rounds, and on the unanalysed path, they are copies of them
        # (MinHash folds each into its original's story at ingest).
        for analysed in (True, False) if round_no == 0 else (False, True):
            if analysed:
                times["all"].append(ours(f"all{round_no}"))
                continue
            hooks.analysers.callbacks.clear()
            hooks.alerters.callbacks.clear()
            try:
                times["db"].append(ours(f"db{round_no}"))
            finally:
                hooks.analysers.callbacks[:], hooks.alerters.callbacks[:] = registered
    best = {name: min(wall for wall, _cpu in values) for name, values in times.items()}
    # CPU seconds of this process: the figure a loaded machine skews least.
    cpu = {name: min(c for _wall, c in values) for name, values in times.items()}
    n = len(pages)
    options = ", ".join(f"{k}={v}" for k, v in EXTRACT_OPTIONS.items())
    labels = [
        ("default", "bare trafilatura.extract, default options"),
        ("product", f"bare trafilatura.extract({options}) = reference"),
        ("db", "Lantoa pages_ingest: extract → store + index"),
        ("all", "… plus analyse/alert (insights hooks)"),
    ]
    # Round 1's CPU seconds (the analysed path's new pages) against the best reference (round 1
    # of the reference itself runs colder than the others).
    first = {name: values[0][1] / cpu["product"] for name, values in times.items()}
    rows = [
        [label, n, f"{best[key]:.2f}", f"{n / best[key]:.1f}", f"{best[key] / best['product']:.2f}",
         f"{cpu[key]:.2f}", f"{n / cpu[key]:.1f}", f"{cpu[key] / cpu['product']:.2f}",
         f"{first[key]:.2f}"]
        for key, label in labels
    ]  # fmt: skip
    _table(
        f"(a) full-page ingest, {n} pages, best of {repeat} (target ≥ 50 pages/s, ratio ≤ 1.3 "
        "to bare trafilatura with the product's options; wall clock, then CPU seconds of this "
        "process, which a loaded machine skews least). Round 1 analyses new pages (each a new "
        "story); later rounds analyse copies of them: round 1's CPU ratio is shown too, against "
        "the best reference.",
        ["path", "pages", "seconds", "pages/s", "ratio", "CPU s", "pages per CPU-second",
         "CPU ratio", "round-1 CPU ratio"],
        rows,
    )  # fmt: skip
    # Quality against the ground truth (the stored text of the last round).
    last = f"db{repeat - 1}"
    texts = dict(Item.objects.filter(url__endswith=f"round={last}").values_list("url", "text"))
    stored = {url: texts.get(_round_url(url, last), "") for _key, url, _body in pages}
    scores = {
        "Lantoa (stored text)": [],
        f"bare trafilatura.extract({options})": [],
        "bare trafilatura.extract, default options": [],
    }
    for key, url, body in pages:
        expected = truth.get(key, {}).get("articleBody", "")
        if not expected:
            continue
        scores["Lantoa (stored text)"].append(_prf(stored.get(url, ""), expected))
        scores[f"bare trafilatura.extract({options})"].append(
            _prf(trafilatura.extract(body, **EXTRACT_OPTIONS) or "", expected)
        )
        scores["bare trafilatura.extract, default options"].append(
            _prf(trafilatura.extract(body) or "", expected)
        )
    _table(
        "extraction quality vs ground-truth.json (bag of words, mean over pages)",
        ["extractor", "pages", "precision", "recall", "F1"],
        [
            [name, len(v)] + [f"{sum(s[i] for s in v) / max(1, len(v)):.3f}" for i in range(3)]
            for name, v in scores.items()
        ],
    )


def bench_headlines(data_dir: Path, repeat: int) -> None:
    from django.db import transaction

    from lantoa.monitoring.models import Item, Source
    from lantoa.monitoring.pipeline import hooks
    from lantoa.monitoring.pipeline.language import identifier
    from lantoa.monitoring.services import entries_ingest, source_create
    from lantoa.monitoring.urlnorm import url_hash

    path = data_dir / "headlines" / "headlines_dev.jsonl"
    if not path.exists():
        print(f"\n(b) skipped: {path} absent")
        return
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    identifier()  # the language model loads once per worker, not per poll
    registered = (list(hooks.analysers.callbacks), list(hooks.alerters.callbacks))
    bare_times, bare_cpu, counts = [], [], Counter()
    ours_times: dict[bool, list[float]] = {False: [], True: []}
    ours_cpu: dict[bool, list[float]] = {False: [], True: []}

    def ingest(round_no: int, tag: str) -> tuple[float, float]:
        sources = {}
        for row in rows:
            if row["source"] not in sources:
                sources[row["source"]] = source_create(
                    url=f"https://bench.example/{tag}{round_no}/{len(sources)}",
                    name=f"{row['source']} {tag}{round_no}",
                )
        start, cpu = time.perf_counter(), time.process_time()
        for name, source in sources.items():
            entries = [
                {
                    "url": f"{r['link']}?{tag}round={round_no}",
                    # Later rounds are near-copies of the first (a new story member each).
                    "title": f"{r['title']} {tag}{round_no}" if round_no else r["title"],
                    "summary": r.get("summary") or "",
                    "published": r.get("published"),
                }
                for r in rows
                if r["source"] == name
            ]
            for offset in range(0, len(entries), 200):
                run = entries_ingest(source=source, entries=entries[offset : offset + 200])
                counts.update(run.counts)
        return time.perf_counter() - start, time.process_time() - cpu

    for round_no in range(repeat):
        # Bare: the same rows inserted with bulk_create, no pipeline.
        bare_source = Source.objects.create(name=f"bare {round_no}", kind="feed", outlet_type="x")
        start, cpu = time.perf_counter(), time.process_time()
        with transaction.atomic():
            Item.objects.bulk_create(
                [
                    Item(
                        source=bare_source,
                        url=f"{r['link']}#bare{round_no}",
                        url_hash=url_hash(f"{r['link']}?bare={round_no}"),
                        title=r["title"],
                        summary=r.get("summary") or "",
                    )
                    for r in rows
                ],
                batch_size=500,
                ignore_conflicts=True,
            )
        bare_times.append(time.perf_counter() - start)
        bare_cpu.append(time.process_time() - cpu)
        # Ingest into the database and the index alone (analysers unregistered), and with the
        # insights app's analyse/alert stages as a worker runs them. The analysed path goes first
        # in round 1, so that its items are new stories for the linker (not near-copies of the
        # unanalysed path's items, which the MinHash stage would fold before linking).
        for with_hooks in (True, False) if round_no == 0 else (False, True):
            if with_hooks:
                wall, cpu = ingest(round_no, "all")
            else:
                hooks.analysers.callbacks.clear()
                hooks.alerters.callbacks.clear()
                try:
                    wall, cpu = ingest(round_no, "db")
                finally:
                    hooks.analysers.callbacks[:], hooks.alerters.callbacks[:] = registered
            ours_times[with_hooks].append(wall)
            ours_cpu[with_hooks].append(cpu)
    n = len(rows)
    bare = min(bare_times)
    table = [
        ["bare bulk_create (no pipeline)", n, f"{bare:.3f}", f"{n / bare:.0f}", "",
         f"{n / min(bare_cpu):.0f}", f"{n / max(bare_cpu):.0f}", "1.00"]
    ]  # fmt: skip
    labels = {
        False: "Lantoa entries_ingest, normalise→index (into DB + search index)",
        True: f"… plus analyse/alert ({len(registered[0])}+{len(registered[1])} insights hooks)",
    }
    for with_hooks, times in ours_times.items():
        best, worst = min(times), max(times)
        cpu = ours_cpu[with_hooks]
        table.append(
            [labels[with_hooks], n, f"{best:.3f}", f"{n / best:.0f}", f"{n / worst:.0f}",
             f"{n / min(cpu):.0f}", f"{n / max(cpu):.0f}", f"{best / bare:.1f}"]
        )  # fmt: skip
    _table(
        f"(b) feed-entry ingest, {n} headlines, best of {repeat}, search index included "
        "(target ≥ 1000 items/s). Round 1 stores new stories; later rounds are near-copies of "
        "round 1 (every item joins a story): the worst round is shown too (with the analysis, "
        "round 1: every item a new story, linked against an index that grows from empty). Items "
        "per CPU-second (this process, SQLite included) is the figure a shared machine's load "
        "does not skew.",
        [
            "path",
            "items",
            "best s",
            "items/s",
            "worst-round items/s",
            "items per CPU-second",
            "worst-round items per CPU-second",
            "ratio",
        ],
        table,
    )
    print(f"\nload average after (b): {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    print("\nfinal statuses over all rounds: " + ", ".join(f"{k}={v}" for k, v in counts.items()))


WORKER_PROBE = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantoa.settings")
import django
django.setup()
import trafilatura  # noqa: F401  (the extractor a worker uses)
from lantoa.insights.ml.tone import read_tones
from lantoa.insights.tasks import worker_warm_up
worker_warm_up()
read_tones(["Lễ hội thành công", "Great festival", "非常满意", "좋다", "好調", "Très bien"])
# VmHWM, not ru_maxrss: ru_maxrss survives exec and would report the parent's peak.
status = open("/proc/self/status").read()
print(int(status.split("VmHWM:")[1].split()[0]) / 1024)
"""


def _worker_rss_mb() -> float:
    """Peak RSS of a fresh process that loads what a worker loads: Django, trafilatura, language
    ID, every tone analyser (six languages), the story linker's tables and the URL tree."""
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", WORKER_PROBE], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    from django.conf import settings

    repeat = 3 if "--quick" not in argv else 1
    data_dir = Path(settings.DATA_DIR)
    start_rss = _rss_mb()
    connection = _test_database()
    try:
        # The office's watchlists, topics and alert rules as a production install sets them up
        # (lantoa/insights/config/*.yaml): a worker matches every batch against them.
        from lantoa.insights.office import setup as insights_setup

        insights_setup(log=lambda _line: None)
        load = " ".join(f"{v:.1f}" for v in os.getloadavg())
        print(
            f"\nReproduce: {COMMAND}   (database: {connection.vendor}; Python {sys.version[:6]}; "
            f"load average at start {load})"
        )
        from lantoa.insights.tasks import worker_warm_up

        # The URL tree alerts' links are reversed in, every tone analyser (six languages),
        # language ID and the story linker's tables, then gc.freeze: what a worker that analyses
        # does as it starts, before (a) as before (b).
        worker_warm_up()
        after_models = _rss_mb()
        bench_pages(data_dir, repeat)
        after_pages = _rss_mb()
        bench_headlines(data_dir, repeat)
        after_headlines = _rss_mb()
        worker = _worker_rss_mb()
        _table(
            "(d) worker peak memory (ru_maxrss of this process)",
            ["point", "peak RSS MB"],
            [
                ["after Django setup", f"{start_rss:.0f}"],
                ["after loading every model (tone, language, linker)", f"{after_models:.0f}"],
                ["after (a) page ingest", f"{after_pages:.0f}"],
                ["after (b) headline ingest (this benchmark process)", f"{after_headlines:.0f}"],
                [
                    "a fresh worker with every model loaded (target < 500)",
                    f"{worker:.0f} ({'MET' if worker < 500 else 'NOT MET'})",
                ],
            ],
        )
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )
