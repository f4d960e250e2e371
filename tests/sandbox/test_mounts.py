"""The mount plan: what a worker sees, in an order that hides nothing it needs."""

from pathlib import Path

from autograder.sandbox.mounts import bwrap_args, mount_plan


def test_a_virtualenv_under_tmp_is_bound_on_top_of_the_empty_tmp():
    """A checkout in /tmp (e.g. `git clone . /tmp/x`) keeps its .venv there: the sandbox's own
    empty /tmp must come first, or it hides the interpreter and its site-packages."""
    plan = mount_plan("/tmp/x/.venv/bin/python", (), Path("/tmp/agworker-1-a"), 1 << 20)
    dests = [(m.kind, m.dest) for m in plan]
    tmp = dests.index(("tmpfs", "/tmp"))
    venv = dests.index(("ro-bind", "/tmp/x/.venv"))
    assert tmp < venv
    args = bwrap_args(plan)
    assert args.index("/tmp") < args.index("/tmp/x/.venv")
