"""The zygote's heap in huge pages: what makes each fork of it cheap."""

from __future__ import annotations

import platform
import time
from pathlib import Path

import pytest

from autograder.sandbox import zygote
from autograder.sandbox.inside.hugepages import HUGE_PAGE, Region, writable_private_regions
from autograder.sandbox.launcher import Limits, SandboxSpec
from autograder.sandbox.session import CodeCell, WorkerSession

SPEC = SandboxSpec(limits=Limits(call_seconds=20, submission_seconds=60))

MAPS = """\
55d0c0000000-55d0c0a00000 rw-p 00000000 00:00 0                          [heap]
7f0000000000-7f0000500000 rw-p 00000000 00:00 0
7f0000600000-7f0000700000 rw-p 00000000 00:00 0
7f0001000000-7f0001400000 r-xp 00000000 08:01 42                         /usr/lib/libtorch_cpu.so
7f0002000000-7f0002400000 rw-s 00000000 00:01 7                          /dev/shm/x
7ffd00000000-7ffd00800000 rw-p 00000000 00:00 0                          [stack]
"""


def test_only_private_writable_memory_in_whole_huge_pages() -> None:
    regions = writable_private_regions(MAPS)
    assert regions == [
        Region(0x55D0C0000000, 0x55D0C0A00000),  # the heap, already aligned: all of it
        Region(0x7F0000000000, 0x7F0000400000),  # 5 MiB: the two whole huge pages in it
    ]  # too small, read-only code, shared memory and the stack are left alone
    assert all(r.start % HUGE_PAGE == 0 and r.end % HUGE_PAGE == 0 for r in regions)


def _kernel_collapses() -> bool:
    thp = Path("/sys/kernel/mm/transparent_hugepage/enabled")
    release = tuple(int(p) for p in platform.release().split(".")[:2] if p.isdigit())
    return thp.exists() and "[never]" not in thp.read_text() and release >= (6, 1)


@pytest.mark.skipif(not zygote.usable(SPEC), reason="the zygote needs root on Linux")
@pytest.mark.skipif(not _kernel_collapses(), reason="no MADV_COLLAPSE (Linux < 6.1 or THP off)")
def test_a_started_zygote_holds_its_heap_in_huge_pages() -> None:
    with WorkerSession(SPEC, [CodeCell("c", "x = 1")]) as session:
        session.ensure_started()
        handle = zygote.zygote_for(SPEC)
        assert isinstance(handle, zygote.Zygote)
        deadline = time.monotonic() + 30  # collapsed a chunk at a time while it is idle
        while _huge_kib(handle.pid) < 2 * 1024 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _huge_kib(handle.pid) >= 2 * 1024
    # the zygote still serves after collapsing: another worker starts
    with WorkerSession(SPEC, [CodeCell("c", "y = 2")]) as again:
        again.ensure_started()


def _huge_kib(pid: int) -> int:
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return int(rollup.split("AnonHugePages:")[1].split()[0])
