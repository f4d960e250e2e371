"""Feedback says what went wrong, where, in German by default, and leaks no hidden inputs."""

import re

from autograder.authoring import checks
from autograder.engine.messages import SHOWN_MESSAGE_CHARS
from autograder.engine.reproduce import MAX_CHARS


def test_module_level_exception_is_reported_with_its_cell_and_line(grade_sources, model_sources):
    broken = "import numpy as np\n\nx = undefined_helper()\n\n" + model_sources["neuron"]
    result = grade_sources({**model_sources, "neuron": broken}, only={"neuron", "bce_sgd_step"})
    neuron = result.task("neuron")
    assert neuron.score == 0 and neuron.status == "error"
    assert (
        "Zelle `neuron`" in neuron.feedback
        and "NameError" in neuron.feedback
        and "Zeile 3" in neuron.feedback
    )
    assert result.task("bce_sgd_step").score == result.task("bce_sgd_step").max_score
    assert not any("neuron" in note for note in result.notes)  # said once: in neuron's row
    assert "NameError" in neuron.feedback.split("Zeile 3")[1].split(":")[0]  # no dangling colon
    assert neuron.label == "Aufgabe 1 – `neuron`"


def test_a_module_level_failure_that_no_row_explains_is_a_note(grade_sources, model_sources):
    late = model_sources["neuron"] + "\nraise RuntimeError('after the function')\n"
    result = grade_sources({**model_sources, "neuron": late}, only={"neuron"})
    assert result.task("neuron").score == result.task("neuron").max_score
    [note] = result.notes
    assert "Zelle `neuron`" in note and "RuntimeError" in note and "after the function" in note


def test_ending_the_process_never_reads_like_success(grade_sources, model_sources):
    """``os._exit(0)`` in a call: exit code 0 must not read as if all went well."""
    leaving = "import os\n\ndef neuron(w, X, activation='step'):\n    os._exit(0)\n"
    task = grade_sources({**model_sources, "neuron": leaving}, only={"neuron"}).task("neuron")
    assert task.score == 0
    assert "vorzeitig beendet" in task.feedback and "`os._exit()`" in task.feedback
    assert "beendet (Exitcode 0)" not in task.feedback


def test_an_uncatalogued_mistake_shows_one_small_reproducible_call(grade_sources, model_sources):
    """A wrong learning rule no catalogue knows: the page shows the call that exposes it."""
    odd = model_sources["bce_sgd_step"].replace("return", "return 0.5 + 0 *", 1)
    result = grade_sources({**model_sources, "bce_sgd_step": odd}, only={"bce_sgd_step"})
    task = result.task("bce_sgd_step")
    assert task.score < task.max_score and task.diagnosis is None
    [call] = re.findall(
        r"Zum Nachvollziehen in Ihrem Notebook: `(bce_sgd_step\(.*?\))`", task.feedback
    )
    assert call.count("np.array(") >= 1 and len(call) <= MAX_CHARS


def test_a_named_mistake_shows_no_call(grade_sources, model_sources):
    from autograder.engine.runner import load_catalogue

    mistake = next(
        e for e in load_catalogue("a01_perceptron_xor").mistakes("bce_sgd_step") if e.key == "log10"
    )
    task = grade_sources(
        {**model_sources, "bce_sgd_step": mistake.source}, only={"bce_sgd_step"}
    ).task("bce_sgd_step")
    assert task.diagnosis is not None and "Zum Nachvollziehen" not in task.feedback


def test_exception_messages_are_shortened(grade_sources, model_sources):
    leaky = "def neuron(w, X, activation='step'):\n    raise ValueError(repr(X.tolist()) * 50)\n"
    task = grade_sources({**model_sources, "neuron": leaky}, only={"neuron"}).task("neuron")
    assert "ValueError" in task.feedback
    assert len(task.feedback) < SHOWN_MESSAGE_CHARS + 300


def test_value_mismatch_names_shape_dtype_index_and_error():
    import numpy as np
    import pytest

    with pytest.raises(checks.CheckFailure) as info:
        checks.assert_close(
            np.array([1.0, 2.5, 3.0], dtype=np.float32), np.array([1.0, 2.0, 3.0]), "ŷ"
        )
    text = info.value.text.de
    assert (
        "Index (1,)" in text
        and "erwartet 2" in text
        and "erhalten 2.5" in text
        and "verlangt für float32: auf 5 Stellen genau" in text
    )
    assert "rtol" not in text and "atol" not in text  # tolerances in words, not numpy's names
    with pytest.raises(checks.CheckFailure) as info:
        checks.assert_close(np.array([1.0, 2.5]), np.array([1.0, 2.0]), "ŷ")
    assert "verlangt: auf 9 Stellen genau" in info.value.text.de
    assert "required: accurate to 9 digits" in info.value.text.en
    with pytest.raises(checks.CheckFailure) as info:
        checks.assert_close(np.zeros((3, 2)), np.zeros((2, 3)), "W")
    assert "Form (3, 2) statt (2, 3)" in info.value.text.de
    with pytest.raises(checks.CheckFailure) as info:
        checks.assert_close("hallo", np.zeros(2), "W")
    assert "zurückgegeben wurde str" in info.value.text.de


def test_mutations_must_hit_exactly_one_place():
    import pytest

    from autograder.authoring.catalogue import mutate

    assert mutate("a = 1\nb = 2\n", ("b = 2", "b = 3")) == "a = 1\nb = 3\n"
    with pytest.raises(ValueError):
        mutate("x = 1\nx = 1\n", ("x = 1", "x = 2"))
    with pytest.raises(ValueError):
        mutate("x = 1\n", ("y = 1", "y = 2"))


def test_limit_messages_name_the_limit_and_the_task():
    from autograder.engine.messages import explain
    from autograder.sandbox import errors
    from autograder.sandbox.launcher import Limits

    limits = Limits()
    cases = {
        errors.StudentException(
            "MemoryError", ""
        ): "Speicherlimit von 2 GiB überschritten in `conv2d`",
        errors.WorkerCrashed(
            "Signal 9", memory_suspected=True
        ): "Speicherlimit von 2 GiB überschritten in `conv2d`",
        errors.StudentException("OSError", "[Errno 27] File too large"): "Dateigrößen",
        errors.StudentException(
            "BlockingIOError", "[Errno 11] Resource temporarily unavailable"
        ): "Prozess-/Threadlimit von 64",
        errors.CallTimeout(10.0): "Zeitlimit von 10 s",
    }
    for exc, phrase in cases.items():
        assert phrase in explain(exc, "conv2d", None, limits).de


def test_no_message_ends_in_a_dangling_colon_or_reads_like_success():
    from autograder.engine.messages import cell_failure, explain
    from autograder.sandbox import errors
    from autograder.sandbox.launcher import Limits
    from autograder.sandbox.session import CellReport

    stub = cell_failure("antwort_1", CellReport("antwort_1", "error", "NotImplementedError", "", 3))
    assert stub is not None and stub.de == (
        "Die Zelle `antwort_1` ist noch nicht bearbeitet (sie löst in Zeile 3 "
        "NotImplementedError aus)."
    )
    bare = cell_failure("neuron", CellReport("neuron", "error", "KeyError", "", 2))
    assert bare is not None and bare.de.endswith("trat in Zeile 2 KeyError auf.")
    crashed = cell_failure("neuron", CellReport("neuron", "crash", message="Exitcode 0"))
    assert crashed is not None and "vorzeitig beendet" in crashed.de
    assert "(Exitcode 0)" not in crashed.de and "early" in crashed.en
    killed = explain(errors.WorkerCrashed("Signal 9"), "neuron", None, Limits())
    assert (
        killed.de
        == "Während `neuron`: Der Prozess mit Ihrem Code wurde durch Signal 9 abgebrochen."
    )
    silent = explain(errors.StudentException("ValueError", ""), "neuron", None, Limits())
    assert silent.de == "`neuron` löste ValueError aus."


def test_an_unusable_notebook_is_explained_once_and_not_graded_by_hand(grader):
    from tests.conftest import REPO

    result = grader.grade_file(REPO / "examples" / "a01_perceptron_xor" / "malformed.ipynb", "m")
    assert result.status == "error" and "kein gültiges Notebook" in result.error
    for task in result.tasks:
        assert "kein gültiges Notebook" not in task.feedback  # once: in result.error
        assert task.feedback.startswith("Nicht bewertet") and task.label
    assert not any("manuell bewertet" in t.feedback for t in result.tasks)
