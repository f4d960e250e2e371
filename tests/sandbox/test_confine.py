"""The hand-built sandbox's steps, one at a time, in a forked child of the test."""

from __future__ import annotations

import json
import os

import pytest

from autograder.sandbox.inside import confine

pytestmark = pytest.mark.skipif(not confine.supported(), reason="needs root on Linux ≥ 5.8")


def _in_child(probe) -> dict:
    """Run ``probe(answer_fd)`` in a forked child (its mount changes stay there); its JSON
    answer."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        try:
            answer = probe(write)
        except BaseException as exc:
            answer = {"error": repr(exc)}
        os.write(write, json.dumps(answer).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as handle:
        data = handle.read()
    os.waitpid(child, 0)
    return json.loads(data)


def _bind_a_tree_with_a_mount_inside(tmp_path) -> dict:
    """A ro-bind of a folder that holds another mount: both must be read-only inside."""
    source, root = tmp_path / "source", tmp_path / "root"
    (source / "inner").mkdir(parents=True)
    root.mkdir()
    confine._check(confine._libc.unshare(confine.CLONE_NEWNS), "unshare(mount)")
    confine._mount(None, "/", None, confine.MS_REC | confine.MS_PRIVATE)
    confine._mount("tmpfs", str(source / "inner"), "tmpfs", 0, "size=65536")
    confine.build_root(str(root), [{"kind": "ro-bind", "source": str(source), "dest": "/s"}])
    written = {}
    for name in ("s/top", "s/inner/below"):
        try:
            with open(root / name, "w"):
                written[name] = "written"
        except OSError as exc:
            written[name] = os.strerror(exc.errno or 0)
    with open("/proc/self/mountinfo") as handle:
        fields = [line.split() for line in handle]
    options = {f[4]: f[5] for f in fields if f[4].startswith(str(root / "s"))}
    return {"written": written, "options": options}


@pytest.mark.parametrize("mount_setattr", [True, False], ids=["mount_setattr", "remount"])
def test_a_read_only_bind_is_read_only_all_the_way_down(tmp_path, monkeypatch, mount_setattr):
    if not mount_setattr:  # a kernel without mount_setattr: one remount per mount point
        monkeypatch.setattr(confine, "_set_read_only_tree", lambda target: False)
    answer = _in_child(lambda _: _bind_a_tree_with_a_mount_inside(tmp_path))
    assert "error" not in answer, answer
    assert answer["written"] == {
        "s/top": "Read-only file system",
        "s/inner/below": "Read-only file system",
    }
    assert len(answer["options"]) == 2
    for options in answer["options"].values():
        assert {"ro", "nosuid", "nodev"} <= set(options.split(","))


def test_kernel_versions_are_read_from_the_release():
    assert confine.kernel_version("6.1.0-18-amd64") == (6, 1)
    assert confine.kernel_version("5.8.0") == (5, 8)
    assert confine.kernel_version("4.19.0-26-cloud-amd64") < confine.SETNS_PIDFD_KERNEL
    assert confine.kernel_version("weird") == (0, 0)


def test_closing_every_descriptor_but_some():
    def probe(answer_fd: int) -> dict:
        opened = [os.open(os.devnull, os.O_RDONLY) for _ in range(6)]
        keep = {0, 1, 2, answer_fd, opened[1], opened[4]}
        confine.close_fds_except(keep)
        still = {int(fd) for fd in os.listdir("/proc/self/fd")}
        return {"kept": sorted(keep), "open": sorted(still)}

    answer = _in_child(probe)
    assert set(answer["kept"]) <= set(answer["open"])
    assert len(set(answer["open"]) - set(answer["kept"])) <= 1  # the listing's own descriptor
