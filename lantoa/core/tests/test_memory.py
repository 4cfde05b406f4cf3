"""Freed memory goes back to the system (`memory_release`)."""

import pytest

from lantoa.core.memory import memory_release


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def test_memory_freed_under_a_live_block_goes_back_to_the_system():
    if not memory_release():
        pytest.skip("not glibc: there is no malloc_trim to ask")
    # 100 MB in blocks malloc serves from the heap (above pymalloc's 512 bytes, below mmap's
    # threshold), then one block after them: freed, they are a hole the heap cannot shrink by.
    blocks = [bytes(1024) + bytes([i % 256]) for i in range(100_000)]
    pin = bytes(1024) + b"pin"
    before = _resident_mb()
    del blocks
    held = _resident_mb()
    assert before - held < 20  # glibc keeps what it freed
    assert memory_release()
    assert held - _resident_mb() > 50
    assert pin.endswith(b"pin")
