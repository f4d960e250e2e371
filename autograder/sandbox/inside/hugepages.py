"""Back the zygote's heap with transparent huge pages, so that forking it is cheap.

After ``import torch`` the zygote holds ≈ 145 MiB of anonymous memory (torch's registries,
Python's heap) in ≈ 37,000 small pages. Every fork copies (and write-protects) one page-table
entry per page, and every worker's exit tears them down again: ≈ 15 ms of system time per
fork, twice per worker (zygote → init → worker). Collapsed into 2 MiB pages, the same memory
needs ≈ 70 entries: the fork costs a third. Copy-on-write stays per 4 KiB page (a write into
a shared huge page splits it, Linux ≥ 5.8), so the workers' memory does not grow.

``MADV_COLLAPSE`` (Linux ≥ 6.1) collapses synchronously and works even where transparent
huge pages are only enabled on request (``madvise``). Where the kernel lacks it or refuses a
region, nothing changes but the speed. Collapsing copies the memory (≈ 0.2–0.4 s for torch's
heap), so the zygote does it a chunk at a time while no request waits: a first worker never
waits for it. Standard library only (runs in the zygote).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass

MADV_HUGEPAGE = 14
MADV_COLLAPSE = 25
HUGE_PAGE = 2 << 20


@dataclass(frozen=True)
class Region:
    start: int
    end: int


def writable_private_regions(maps: str) -> list[Region]:
    """The 2 MiB-aligned parts of the private writable mappings in ``/proc/self/maps`` text
    (heap, anonymous mappings, libraries' data), without the stack and the kernel's pages."""
    regions = []
    for line in maps.splitlines():
        fields = line.split()
        if len(fields) < 5 or "w" not in fields[1] or "p" not in fields[1]:
            continue
        name = fields[5] if len(fields) > 5 else ""
        if name.startswith("[") and name != "[heap]":
            continue
        low, high = (int(part, 16) for part in fields[0].split("-"))
        start = (low + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1)
        end = high & ~(HUGE_PAGE - 1)
        if end > start:
            regions.append(Region(start, end))
    return regions


CHUNK = 4 * HUGE_PAGE  # one step: ≈ 10–25 ms, so a waiting request is hardly delayed


def collapse_steps() -> Iterator[int]:
    """Collapse this process's writable memory into huge pages, one chunk per step (the
    bytes collapsed), so that a server can do it between requests."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        with open("/proc/self/maps") as maps:
            regions = writable_private_regions(maps.read())
    except OSError:
        return
    libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    for region in regions:
        # keep the region huge where it grows; in the workers too (copy-on-write stays per page)
        libc.madvise(region.start, region.end - region.start, MADV_HUGEPAGE)
        for start in range(region.start, region.end, CHUNK):
            size = min(CHUNK, region.end - start)
            yield size if libc.madvise(start, size, MADV_COLLAPSE) == 0 else 0
