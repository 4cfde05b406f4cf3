"""Stage 6: three dedup tiers.

1. normalised-URL hash (utm_*, fbclid, AMP and mobile variants fold together): dropped;
2. the same normalised title from the same source within 7 days: dropped;
3. MinHash LSH across outlets: a syndicated copy is kept but joins the first copy's Story
   (the store stage creates or extends the Story).

The LSH index lives in the worker's memory and is synchronised from stored signatures (items of
the last 7 days) at each batch, so several workers see each other's items. It is a table per band
of the signature (the bands datasketch's MinHashLSH chooses for THRESHOLD and NUM_PERM, so the
candidates are the ones it finds): a band is a slice of the stored bytes, looked up in a dict,
where datasketch builds numpy slices and a byte-swapped copy per band.
"""

import hashlib
import re
import threading
import time
from datetime import timedelta
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from django.utils import timezone

from lantoa.core.text import fold_lower

from ..batch import Batch
from ..constants import ItemStatus
from ..models import Item
from ..urlnorm import url_hash

TITLE_WINDOW = timedelta(days=7)
NUM_PERM = 64
SCHEME = "affine32"
THRESHOLD = 0.6
MIN_SHINGLES = 6
# Bands × rows of the LSH: what datasketch's MinHashLSH(threshold=0.6, num_perm=64) computes from
# its false-positive/negative integrals (a test checks that they still agree).
BANDS, ROWS = 10, 6
_BAND_BYTES = ROWS * 4  # a signature is NUM_PERM little-endian uint32 values
_WORD = re.compile(r"\w+")
_CHUNK = 500


@lru_cache(maxsize=1)
def _permutations():
    # Computing the permutations costs more than hashing a headline: do it once per process.
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def _shingles(text: str) -> list[bytes]:
    words = _WORD.findall(fold_lower(text))
    return list({" ".join(words[i : i + 3]).encode() for i in range(max(0, len(words) - 2))})


def _fmix32(values: np.ndarray) -> np.ndarray:
    # MurmurHash3's finaliser, as datasketch's "affine32" scheme pre-mixes each input hash.
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def signatures(texts: list[str]) -> list[np.ndarray | None]:
    """MinHash values of many texts at once (None where a text has too few shingles).

    The values are exactly those of `datasketch.MinHash(num_perm=NUM_PERM, scheme=SCHEME)` fed
    the same shingles (SHA-1, 32 bits): one vectorised pass over every shingle of the batch
    instead of a MinHash object and its numpy calls per item.
    """
    shingle_sets = [_shingles(text) for text in texts]
    kept = [i for i, shingles in enumerate(shingle_sets) if len(shingles) >= MIN_SHINGLES]
    result: list[np.ndarray | None] = [None] * len(texts)
    if not kept:
        return result
    digests = b"".join(
        hashlib.sha1(shingle, usedforsecurity=False).digest()[:4]
        for i in kept
        for shingle in shingle_sets[i]
    )
    hashed = _fmix32(np.frombuffer(digests, dtype="<u4").astype(np.uint32))
    a, b = (np.asarray(p, dtype=np.uint32) for p in _permutations())
    with np.errstate(over="ignore"):
        permuted = hashed[:, None] * a + b  # wraps modulo 2**32, as the scheme intends
    starts = np.cumsum([0] + [len(shingle_sets[i]) for i in kept[:-1]])
    minima = np.minimum.reduceat(permuted, starts, axis=0)
    for row, i in enumerate(kept):
        result[i] = minima[row]
    return result


class BandIndex:
    """MinHash LSH: item ids by each band of their signature (`signature` bytes, as stored)."""

    def __init__(self):
        self.tables: list[dict[bytes, list[int]]] = [{} for _ in range(BANDS)]

    @staticmethod
    def _bands(signature: bytes) -> list[bytes]:
        return [signature[i : i + _BAND_BYTES] for i in range(0, BANDS * _BAND_BYTES, _BAND_BYTES)]

    def insert(self, item_id: int, signature: bytes) -> None:
        for table, band in zip(self.tables, self._bands(signature), strict=True):
            table.setdefault(band, []).append(item_id)

    def query(self, signature: bytes) -> set[int]:
        """The items that share at least one band with `signature`."""
        found: set[int] = set()
        for table, band in zip(self.tables, self._bands(signature), strict=True):
            found.update(table.get(band, ()))
        return found


class _LshCache:
    """Items of the last 7 days in a MinHash LSH index, keyed by item id → source id."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.lsh = BandIndex()
        self.sources: dict[int, int] = {}
        self.last_id = 0
        self.built_at = time.monotonic()

    def sync(self):
        if time.monotonic() - self.built_at > 24 * 3600:
            self.reset()
        since = timezone.now() - TITLE_WINDOW
        rows = (
            Item.objects.filter(id__gt=self.last_id, minhash__isnull=False, fetched_at__gte=since)
            .order_by("id")
            .values_list("id", "source_id", "minhash")
        )
        for item_id, source_id, data in rows.iterator(chunk_size=2000):
            if item_id not in self.sources:
                self.lsh.insert(item_id, bytes(data))
                self.sources[item_id] = source_id
            self.last_id = max(self.last_id, item_id)

    def match(self, signature: bytes, source_id: int) -> int | None:
        found = [i for i in self.lsh.query(signature) if self.sources.get(i) != source_id]
        return min(found) if found else None


LSH = _LshCache()


def _chunks(values: list, size: int = _CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def run(batch: Batch) -> Batch:
    candidates = batch.candidates
    # Tier 1: URL.
    seen: set[str] = set()
    for candidate in candidates:
        candidate.url_hash = candidate.url_hash or url_hash(candidate.url)
    known: set[str] = set()
    for chunk in _chunks([c.url_hash for c in candidates]):
        known.update(Item.objects.filter(url_hash__in=chunk).values_list("url_hash", flat=True))
    for candidate in candidates:
        if candidate.url_hash in known or candidate.url_hash in seen:
            batch.drop(candidate, ItemStatus.DUPLICATE_URL, "trùng đường dẫn")
        seen.add(candidate.url_hash)
    batch.prune()
    # Tier 2: title within the same source and 7 days.
    since = timezone.now() - TITLE_WINDOW
    titles: set[str] = set()
    hashes = [c.title_hash for c in batch.candidates if c.title_hash]
    for chunk in _chunks(hashes):
        titles.update(
            Item.objects.filter(
                source=batch.source, title_hash__in=chunk, fetched_at__gte=since
            ).values_list("title_hash", flat=True)
        )
    for candidate in batch.candidates:
        if candidate.title_hash in titles:
            batch.drop(candidate, ItemStatus.DUPLICATE_TITLE, "trùng tiêu đề trong 7 ngày")
        titles.add(candidate.title_hash)
    batch.prune()
    # Tier 3: near-duplicates across outlets.
    with LSH.lock:
        LSH.sync()
        texts = [f"{c.title} {c.summary or c.text[:1500]}" for c in batch.candidates]
        for candidate, values in zip(batch.candidates, signatures(texts), strict=True):
            if values is None:
                continue
            candidate.minhash = values.astype(np.uint32).tobytes()
            candidate.near_item_id = LSH.match(candidate.minhash, batch.source.id)
    return batch
