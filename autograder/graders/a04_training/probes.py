"""Checks of tasks whose arguments or results stay inside the worker (a torch Module, a
torch.Generator): the student's function is reached through a helper of ``worker_helpers.py``
with plain data; the reference and the catalogued mistakes run through the very same helper here,
in the trusted process, with their function in the task's place.

A probe records its call with ``(helper, *sent)`` as the replayed arguments, so a mistake declared
with ``replayed(function)`` as its matcher is recognised by running that helper with the mistake.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
from pathlib import Path

from autograder.authoring import CheckFailure, assert_same
from autograder.authoring.catalogue import function_source, mutate

HELPERS = Path(__file__).with_name("worker_helpers.py")
# the edited mistakes' source, as for the kit's own edits: this repository's solutions/a04_training.py
REFERENCE = Path(__file__).resolve().parents[3] / "solutions" / "a04_training.py"


@functools.cache
def _reference_module():
    """The reference, loaded from its file (the grading CLI has no ``solutions`` package)."""
    spec = importlib.util.spec_from_file_location("a04_training_reference", REFERENCE)
    assert spec is not None and spec.loader is not None, REFERENCE
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def through_helper(function, task_id, helper, sent):
    """``helper(*sent)`` of worker_helpers.py with ``function`` as the notebook's ``task_id``."""
    namespace = {"__name__": "worker_helpers", task_id: function}
    exec(compile(HELPERS.read_text(), str(HELPERS), "exec"), namespace)
    return namespace[helper](*copy.deepcopy(sent))


def probe(student, task_id, helper, *sent):
    """The student's result of ``helper(*sent)`` in the worker."""
    return student.probe(task_id, helper, sent, replay=(helper, *sent))


def expected(reference, task_id, helper, *sent):
    """The reference's result of the same helper call."""
    return through_helper(getattr(reference, task_id), task_id, helper, sent)


def replayed(task_id, function, compare=assert_same):
    """A matcher: the recorded probe's result is what ``function`` gives through the helper."""

    def matcher(value, args, kwargs):
        helper, *sent = args
        try:
            compare(value, through_helper(function, task_id, helper, tuple(sent)), "")
        except CheckFailure:
            return False
        except Exception:  # the mistake itself fails on these arguments
            return False
        return True

    return matcher


def probed_mistake(task, key, de, en, *edits, compare=assert_same):
    """``probed_mistake(task, key, de, en, (old, new), …)``: a catalogued mistake as edits of
    the reference function (``task.mistake``), recognised by replaying the probes through the
    edited function (``replayed``), which is built from the same edits on first use."""

    @functools.cache
    def edited():
        module = _reference_module()
        namespace = dict(vars(module))
        source = mutate(function_source(getattr(module, task.task_id)), *edits)
        exec(compile(source, f"<mistake {task.task_id}/{key}>", "exec"), namespace)
        return namespace[task.task_id]

    def matcher(value, args, kwargs):
        return replayed(task.task_id, edited(), compare)(value, args, kwargs)

    task.mistake(key, de, en, *edits, matcher=matcher)


def check(student, reference, task_id, helper, *sent, what, compare=assert_same):
    """The student's and the reference's result of ``helper(*sent)``, compared."""
    want = expected(reference, task_id, helper, *sent)
    compare(probe(student, task_id, helper, *sent), want, what)
