"""Raw responses: every fetched body is kept, zlib-compressed, so items can be re-extracted.

The stages that fetch (fetch, parse for child sitemaps, extract for pages) share these, and so do
the services that write a raw body themselves (a social-post file's import, its pseudonymising):
every raw body is written by `raw_compress`.
"""

from isal import isal_zlib

from ..batch import Batch
from ..models import RawResponse

# Every fetched page pays this; the bodies are kept for re-extraction and pruned by the retention
# job. ISA-L (Intel's deflate, the `isal` package) writes the zlib format that `zlib.decompress`
# reads, several times faster than zlib: on the 120 benchmark pages (173 KB each), in CPU per page
# and size, ISA-L level 2 0.27 ms and 23.6 %; zlib level 1 1.06 ms and 24.3 %, level 3 1.32 ms
# and 22.9 % (level 6: 2.9 ms, 20.5 %); zstd level 1 0.34 ms and 21.7 %, but a format plain zlib
# cannot read. It releases the GIL, as zlib does (the extract stage compresses on a thread).
RAW_COMPRESSION = 2
KEPT_HEADERS = ("content-type", "etag", "last-modified", "date", "content-language")


def raw_compress(body: bytes) -> bytes:
    """`body` in the zlib format (`RawResponse.body` reads it with the standard library)."""
    return isal_zlib.compress(body, RAW_COMPRESSION)


def raw_headers(headers: dict) -> dict:
    """The response headers worth keeping beside a raw body."""
    return {k: v for k, v in headers.items() if k in KEPT_HEADERS}


def raw_save(*, batch: Batch, url: str, status: int | None, headers: dict, body: bytes):
    """Keep a fetched body, zlib-compressed, for later re-extraction."""
    return RawResponse.objects.create(
        source=batch.source,
        poll_run=batch.poll_run,
        url=url[:2000],
        status_code=status,
        headers=raw_headers(headers),
        body_compressed=raw_compress(body),
        size=len(body),
    )
