"""Modules an assignment declares for its zygote (``[sandbox] preload``/``env``): imported once
in the zygote with a private HOME and the declared environment, never leaving a thread behind;
the workers still see exactly their own environment. Cheap stand-ins for Keras: modules planted
next to the worker's files (the zygote's and a bubblewrap worker's ``sys.path[0]``)."""

from __future__ import annotations

import dataclasses
import logging
import os
import textwrap
from collections.abc import Iterator

import pytest

from autograder.engine.settings import load_settings
from autograder.engine.workers import sandbox_spec
from autograder.sandbox import preload, zygote
from autograder.sandbox.launcher import (
    Limits,
    SandboxMode,
    SandboxSpec,
    worker_dir,
    worker_environment,
)
from autograder.sandbox.preload import Preload
from autograder.sandbox.process import PopenProcess, ZygoteProcess
from autograder.sandbox.session import CodeCell, WorkerSession
from tests.conftest import REPO

LIMITS = Limits(call_seconds=20, submission_seconds=60)
KERAS_ENV = (("KERAS_BACKEND", "torch"),)
# like Keras: reads its backend at import and writes its config into ~/.keras
HOME_MODULE = """
import os
HOME = os.environ["HOME"]
BACKEND = os.environ.get("KERAS_BACKEND")
os.makedirs(os.path.join(HOME, ".keras"))
with open(os.path.join(HOME, ".keras", "keras.json"), "w") as handle:
    handle.write("{}")
"""
THREAD_MODULE = """
import threading, time
threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
"""
PROBE = textwrap.dedent(
    """
    import os, sys
    def probe():
        preloaded = "ag_preload_home" in sys.modules
        import ag_preload_home as module
        return {
            "preloaded": preloaded,
            "home_at_import": module.HOME,
            "backend_at_import": module.BACKEND,
            "home_visible": os.path.exists(module.HOME),
            "env": dict(os.environ),
        }
    """
)


def _spec(*modules: str, mode: SandboxMode = SandboxMode.ZYGOTE) -> SandboxSpec:
    return SandboxSpec(limits=LIMITS, mode=mode, preload=Preload(modules, KERAS_ENV))


pytestmark = pytest.mark.skipif(not zygote.usable(_spec()), reason="the zygote needs root on Linux")


@pytest.fixture(autouse=True)
def planted(monkeypatch) -> Iterator[None]:
    """The stand-in modules, and zygotes that preload numpy only besides them (cheap)."""
    monkeypatch.setenv(preload.ENV, "0")
    paths = [worker_dir() / "ag_preload_home.py", worker_dir() / "ag_preload_thread.py"]
    for path, text in zip(paths, (HOME_MODULE, THREAD_MODULE), strict=True):
        path.write_text(text)
        path.chmod(0o644)
    yield
    for path in paths:
        path.unlink()


def test_declared_modules_are_imported_once_with_their_environment_and_a_private_home():
    spec = _spec("ag_preload_home")
    with WorkerSession(spec, [CodeCell("c", PROBE)]) as worker:
        found = worker.call("probe")
        assert isinstance(worker._process.child, ZygoteProcess)
    home = found["home_at_import"]
    assert found["preloaded"] and found["backend_at_import"] == "torch"
    assert os.path.basename(home).startswith("agzygote-")
    assert not os.path.exists(home), "the zygote's HOME outlived its imports"
    assert not found["home_visible"]
    assert found["env"] == worker_environment(spec)  # the worker's own, KERAS_BACKEND included
    assert found["env"]["KERAS_BACKEND"] == "torch" and found["env"]["HOME"] == "/tmp"
    assert not any(home in value for value in found["env"].values())


def test_a_module_that_leaves_a_thread_running_makes_the_zygote_refuse(caplog):
    """A fork copies only the forking thread: the zygote says so and serves nobody; every
    worker then starts through bubblewrap, and no new zygote repeats the imports."""
    spec = _spec("ag_preload_thread")
    caplog.set_level(logging.WARNING, logger="autograder.sandbox")
    for _ in range(2):
        with WorkerSession(spec, [CodeCell("c", "def one():\n    return 1\n")]) as worker:
            assert worker.call("one") == 1
            assert isinstance(worker._process.child, PopenProcess)
    refused = zygote.zygote_for(spec)
    assert isinstance(refused, zygote.Zygote) and refused.failure is not None
    assert "ag_preload_thread left 1 thread(s) running" in refused.failure
    assert sum("refused to serve" in r.getMessage() for r in caplog.records) == 1


def test_bubblewrap_workers_import_declared_modules_themselves():
    spec = _spec("ag_preload_home", mode=SandboxMode.BWRAP)
    with WorkerSession(spec, [CodeCell("c", PROBE)]) as worker:
        found = worker.call("probe")
        assert isinstance(worker._process.child, PopenProcess)
    assert not found["preloaded"]
    assert found["home_at_import"] == "/tmp" and found["backend_at_import"] == "torch"
    found["env"].pop("PWD")  # bubblewrap's --chdir sets it
    assert found["env"] == worker_environment(spec)


@pytest.mark.parametrize(
    "limits, forbid, expected",
    [
        (Limits(), (), ("numpy", "torch", "torch._dynamo", "keras")),
        (Limits(memory_bytes=3 << 29), (), ("numpy", "torch")),  # too small for keras too
        (Limits(memory_bytes=512 << 20), (), ("numpy",)),
        (Limits(), ("torch",), ("numpy",)),  # a declared module may import a forbidden one
    ],
)
def test_declared_modules_follow_the_memory_and_forbid_rules(monkeypatch, limits, forbid, expected):
    monkeypatch.setenv(preload.ENV, "1")
    spec = SandboxSpec(
        limits=limits, forbid=forbid, preload=Preload(("torch._dynamo", "keras"), KERAS_ENV)
    )
    assert zygote.preload_for(spec) == expected
    _, modules, env = zygote._key(spec)
    assert (modules, env) == (expected, KERAS_ENV if "keras" in expected else ())
    if "keras" not in expected:  # falling back, it shares the zygote of a plain spec
        assert zygote._key(spec) == zygote._key(SandboxSpec(limits=limits, forbid=forbid))


def test_the_doctors_zygote_imports_numpy_only(monkeypatch):
    """Whatever the notebooks use and the assignment declares: its probe need not wait for
    torch. Without torch wanted, it is the batch's own zygote."""
    monkeypatch.setenv(preload.ENV, "1")
    spec = SandboxSpec(preload=Preload(("keras",), KERAS_ENV))
    probe = dataclasses.replace(spec, zygote_numpy_only=True)
    assert zygote.preload_for(spec) == ("numpy", "torch", "keras")
    assert zygote.preload_for(probe) == ("numpy",)
    assert zygote._key(probe)[1:] == (("numpy",), ())
    monkeypatch.setenv(preload.ENV, "0")
    plain = SandboxSpec()
    assert zygote._key(dataclasses.replace(plain, zygote_numpy_only=True)) == zygote._key(plain)


KERAS_PROBE = """
import os, sys
def probe():
    preloaded = sorted(m for m in ("keras", "torch._dynamo") if m in sys.modules)
    import keras
    from keras.src.backend.config import keras_home
    return preloaded, keras.backend.backend(), os.environ["KERAS_BACKEND"], keras_home()
"""


@pytest.mark.slow
def test_a04_workers_get_keras_on_torch_from_their_zygote(monkeypatch):
    """The real thing: a04's zygote imports Keras without leaving a thread (else this worker
    would come through bubblewrap), and Keras in the worker runs on torch."""
    monkeypatch.delenv(preload.ENV)  # the default: the same zygote as a04's catalogue tests
    settings = load_settings(
        REPO / "autograder" / "graders" / "a04_training", ("keras_model", "fit_classifier")
    )
    spec = sandbox_spec(settings.profile("keras_model", LIMITS), SandboxMode.ZYGOTE)
    with WorkerSession(spec, [CodeCell("c", KERAS_PROBE)]) as worker:
        preloaded, backend, variable, home = worker.call("probe")
        assert isinstance(worker._process.child, ZygoteProcess)
    assert preloaded == ["keras", "torch._dynamo"]
    assert backend == variable == "torch"
    assert os.path.basename(os.path.dirname(home)).startswith("agzygote-")  # ~/.keras
    assert not os.path.exists(home)  # the first worker: nothing of it is left to see
