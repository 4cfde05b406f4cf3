"""Story linking throughput (`make bench BENCH_ARGS=stories`): can clustering keep up with
100,000 items a day on one core?

A synthetic stream (sentences of the crosslang snippets when $LANTOA_DATA_DIR has them, else
generated words, recombined so that one story in four is covered again by another outlet) goes
through `story_keys` + `StoryIndex.best/add` — the in-memory part of `stories_link`, which adds a
few batch queries per poll. The index is first warmed with WARM items (a day and a half of a
100,000-a-day stream is 150,000; the window is LANTOA_STORY_WINDOW_DAYS). Baseline in the same
run: plain word-set tokenising of the same texts (`set(re.findall(r"\\w+", text))`), the floor of
any lexical linking.

Reproduce: make bench BENCH_ARGS=stories   (or .venv/bin/python -m bench stories)
"""

import json
import random
import re
import resource
import time
from pathlib import Path

from django.conf import settings

from lantoa.insights.ml.linking import StoryIndex, story_keys

WARM = 30_000
MEASURED = 5_000
PER_DAY = 100_000


def _sentences() -> list[tuple[str, str]]:
    path = Path(settings.DATA_DIR) / "crosslang" / "docs_dev.jsonl"
    if path.exists():
        found = []
        for line in path.open(encoding="utf-8"):
            doc = json.loads(line)
            found += [(doc["lang"], s) for s in re.split(r"(?<=[.。])\s*", doc["text"]) if s]
        return found
    rng = random.Random(1)
    words = ["".join(rng.choices("abcdeghiklmnopqrstuvxy", k=5)) for _ in range(5000)]
    return [("vi", " ".join(rng.choices(words, k=25)) + ".") for _ in range(3000)]


def _stream(count: int, sentences, rng) -> list[tuple[str, str, str, bool]]:
    """(language, title, text, is a copy of a recent item): a quarter are copies."""
    docs = []
    for _ in range(count):
        if docs and rng.random() < 0.25:
            lang, title, text, _copy = rng.choice(docs[-2000:])  # another outlet's copy
            docs.append((lang, title, text + f" {rng.randint(1, 9)}", True))
            continue
        picked = rng.sample(sentences, 3)
        lang = picked[0][0]
        text = " ".join(s for _, s in picked) + f" {rng.randint(100, 99999)}"
        docs.append((lang, picked[0][1], text, False))
    return docs


def main(argv: list[str]) -> None:
    rng = random.Random(20261204)
    sentences = _sentences()
    docs = _stream(WARM + MEASURED, sentences, rng)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    index = StoryIndex()
    for n, (lang, title, text, _copy) in enumerate(docs[:WARM]):
        index.add(n, n, story_keys(title, text, lang, hanviet=True), lang)
    rss_warm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    measured = docs[WARM:]
    started = time.perf_counter()
    for _lang, title, text, _copy in measured:
        set(re.findall(r"\w+", f"{title} {text}".lower()))
    baseline = MEASURED / (time.perf_counter() - started)
    started = time.perf_counter()
    joined = {True: 0, False: 0}
    for n, (lang, title, text, copy) in enumerate(measured, start=WARM):
        keys = story_keys(title, text, lang, hanviet=True)
        story, _ = index.best(keys, lang)
        joined[copy] += story is not None
        index.add(n, story if story is not None else n, keys, lang)
    linking = MEASURED / (time.perf_counter() - started)
    print("command: make bench BENCH_ARGS=stories")
    print(
        f"index warmed with {WARM:,} items: peak RSS {rss_before:,.0f} MB before, "
        f"{rss_warm:,.0f} MB after ({(rss_warm - rss_before) / WARM * 1024:,.1f} kB per item)"
    )
    print("| step | items/s (1 core) | items/day | 100,000/day kept up |")
    print("| --- | ---: | ---: | --- |")
    for name, rate in (("plain word sets (baseline)", baseline), ("story keys + link", linking)):
        per_day = rate * 86_400
        print(
            f"| {name} | {rate:,.0f} | {per_day:,.0f} | {'yes' if per_day >= PER_DAY else 'no'} |"
        )
    copies = sum(copy for *_, copy in measured)
    print(
        f"joined an earlier story: copies {joined[True] / copies:.1%} (goal: all), other items "
        f"{joined[False] / (MEASURED - copies):.1%} (each shares a sentence or more with others)"
    )
