"""Give the memory a process has freed back to the system.

glibc's allocator keeps freed blocks in the heap for later allocations, so a one-time peak (a
model file decompressed and parsed, then dropped) stays in the process's resident memory for
good. `memory_release` asks it to return them (`malloc_trim`); elsewhere (musl, macOS) it does
nothing.
"""

import ctypes
import ctypes.util
import gc
from functools import cache


@cache
def _malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # no C library of that name, or not glibc
        return None


def memory_release() -> bool:
    """Collect garbage, then return the heap's free pages to the system. True when the
    allocator could be asked (glibc)."""
    gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
