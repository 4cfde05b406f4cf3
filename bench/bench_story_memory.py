"""Memory of the story-linking index (`make bench BENCH_ARGS=story_memory`): bytes per item held
in a worker's memory, for headlines and for pages, and what the bound
(LANTOA_STORY_INDEX_MAX_ITEMS, `StoryIndex.forget_oldest`) does when a backlog arrives.

Items are recombined sentences of the crosslang snippets when $LANTOA_DATA_DIR has them (else
generated words), as in bench_stories: a headline is a title and one sentence, a page a title and
up to 1,500 characters (TEXT_CHARS, what `item_keys` reads). Memory is what tracemalloc sees
allocated by the index (and the caches the keys fill, which a worker has too), measured from
before the keys are computed to after the index holds every item; the raw baseline is the same
items' packed keys as stored in StoryKeys (`keys_pack`), the least any index of them can hold.

Reproduce: make bench BENCH_ARGS=story_memory   (or .venv/bin/python -m bench story_memory)
"""

import gc
import random
import time
import tracemalloc

from lantoa.insights.ml.linking import StoryIndex, story_keys
from lantoa.insights.services.stories import TEXT_CHARS, keys_pack

from .bench_stories import _sentences

ITEMS = 6_000
BACKLOG = 24_000  # four times the bound below, arriving in analyse batches
BOUND = 6_000
BATCH = 500


def _docs(count: int, sentences, rng, *, page: bool) -> list[tuple[str, str, str]]:
    docs = []
    for n in range(count):
        lang, title = rng.choice(sentences)
        same = [s for lang_, s in rng.sample(sentences, 60) if lang_ == lang]
        text = " ".join(same if page else same[:1])[:TEXT_CHARS] + f" {n}"
        docs.append((lang, title, text))
    return docs


def _measure(docs) -> tuple[float, float, float]:
    """(kB per item in the index, kB per item packed, seconds)."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    started = time.process_time()
    index = StoryIndex()
    packed = 0
    for n, (lang, title, text) in enumerate(docs):
        keys = story_keys(title, text, lang, hanviet=True)
        packed += len(keys_pack(keys).encode())
        index.add(n, n, keys, lang)
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return held / len(docs) / 1024, packed / len(docs) / 1024, time.process_time() - started


def _backlog(docs, bound: int | None) -> tuple[int, float, float]:
    """(most items held, MB traced at the end, CPU seconds of adding and forgetting) for a
    backlog added batch by batch (the keys computed beforehand, not timed)."""
    keys = [(story_keys(title, text, lang, hanviet=True), lang) for lang, title, text in docs]
    gc.collect()
    tracemalloc.start()
    started = time.process_time()
    index = StoryIndex()
    most = 0
    for start in range(0, len(keys), BATCH):
        for n in range(start, min(start + BATCH, len(keys))):
            index.add(n, n, *keys[n])
        most = max(most, len(index.docs))
        if bound is not None:
            index.forget_oldest(bound)
    seconds = time.process_time() - started
    del keys
    gc.collect()
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return most, held / 1024 / 1024, seconds


def main(argv: list[str]) -> None:
    rng = random.Random(20261206)
    sentences = _sentences()
    for lang, title, text in _docs(200, sentences, rng, page=True):  # load the keys' tables
        story_keys(title, text, lang, hanviet=True)
    print("command: make bench BENCH_ARGS=story_memory")
    print("| items | kB per item in the index | kB per item packed (StoryKeys) | CPU s |")
    print("| --- | ---: | ---: | ---: |")
    for name, page in (("headlines", False), ("pages", True)):
        held, packed, seconds = _measure(_docs(ITEMS, sentences, rng, page=page))
        print(f"| {name} ({ITEMS:,}) | {held:.2f} | {packed:.2f} | {seconds:.1f} |")
    docs = _docs(BACKLOG, sentences, rng, page=False)
    print(f"\nA backlog of {BACKLOG:,} headlines in batches of {BATCH}:")
    print("| index | most items held | MB traced after | CPU s (add + forget, traced) |")
    print("| --- | ---: | ---: | ---: |")
    for name, bound in (("unbounded", None), (f"bounded to {BOUND:,}", BOUND)):
        most, mb, seconds = _backlog(docs, bound)
        print(f"| {name} | {most:,} | {mb:.1f} | {seconds:.2f} |")
