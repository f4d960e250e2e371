"""The authoring kit: a task declared in one file (tests/authoring/course, the worked example of
docs/authoring.md) is released by nbgrader, graded end to end in the sandbox, and its own
catalogue holds: reference full, stub zero, each mistake named, each variant full."""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import numpy as np
import pytest

from autograder.authoring import Task, assert_same, call
from autograder.authoring.checks import CheckFailure
from autograder.authoring.compare import precision_of
from autograder.authoring.variants import VariantError, read_variant
from autograder.course import find_course
from autograder.engine.runner import load_catalogue
from autograder.release.generate import release
from tests.conftest import REPO
from tests.engine.test_catalogues import Kit, missed_mistake

EXAMPLE = Path(__file__).parent / "course"
AID = "t01_kit"


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    """The example course copied, its assignment released with nbgrader (leak check included)."""
    root = tmp_path_factory.mktemp("kit-course") / "course"
    shutil.copytree(EXAMPLE, root)
    shutil.copyfile(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    assignment = find_course(root).assignment(AID)
    release(assignment)
    return Kit.load(assignment)


# ------------------------------------------------------------------ end to end


def test_course_graders_folder_is_used(kit: Kit) -> None:
    assert kit.assignment.graders_dir == kit.assignment.course_root / "graders" / AID


def test_catalogue_comes_from_the_declaration_and_snippets(kit: Kit) -> None:
    catalogue = load_catalogue(AID, kit.assignment)
    assert [e.key for e in catalogue.mistakes("standardize")] == [
        "per_row",
        "sample_std",
        "not_centred",
        "min_max",
    ]
    assert [e.key for e in catalogue.variants("standardize")] == ["by_hand", "torch"]
    edited = next(e for e in catalogue.mistakes() if e.key == "sample_std")
    assert "X.std(axis=0, ddof=1)" in edited.source  # the reference's source, edited


def test_reference_full_marks_with_generated_and_written_tests(kit: Kit) -> None:
    result = kit.grade({}, "model")
    task = result.task("standardize")
    assert (task.score, task.max_score) == (3, 3), task.feedback
    names = sorted(t.name.split("::")[-1] for t in task.tests)
    assert names == [
        "test_columns_have_mean_zero_and_unit_std",
        "test_constant_column",
        "test_matrix",
        "test_single_precision",
    ]
    weights = {t.name.split("::")[-1]: t.weight for t in task.tests}
    assert weights["test_matrix"] == 2 and weights["test_constant_column"] == 1


def test_stub_scores_zero(kit: Kit) -> None:
    result = kit.grader.grade_file(kit.assignment.release_dir / f"{AID}.ipynb", "stub")
    assert result.status == "graded" and result.score == 0


@pytest.mark.parametrize("key", ["per_row", "sample_std", "not_centred", "min_max"])
def test_each_mistake_loses_points_and_is_named(kit: Kit, key: str) -> None:
    entry = next(e for e in load_catalogue(AID, kit.assignment).mistakes() if e.key == key)
    assert missed_mistake(kit.grade_entry(entry), entry) is None


@pytest.mark.parametrize("key", ["by_hand", "torch"])
def test_each_variant_scores_full_marks(kit: Kit, key: str) -> None:
    entry = next(e for e in load_catalogue(AID, kit.assignment).variants() if e.key == key)
    task = kit.grade_entry(entry)
    assert task.score == task.max_score, task.feedback


def test_float32_case_judged_with_float32_tolerance(kit: Kit) -> None:
    """A float32 computation of a float32 case is right; the same error on float64 is not."""
    float32_answer = (
        "def standardize(X):\n"
        "    X = np.asarray(X, dtype=np.float32)\n"
        "    s = X.std(axis=0)\n"
        "    return ((X - X.mean(axis=0)) / np.where(s > 0, s, 1)).astype(np.float64)\n"
    )
    task = kit.grade({"standardize": float32_answer}, "f32").task("standardize")
    outcomes = {t.name.split("::")[-1]: t.passed for t in task.tests}
    assert outcomes["test_single_precision"] is True
    assert outcomes["test_matrix"] is False  # float32 rounding on float64 inputs is wrong


# ------------------------------------------------------------------ the kit's parts


def test_case_names_are_unique() -> None:
    task = Task("f")
    task.case()(lambda rng: call(1))
    with pytest.raises(ValueError, match="two cases"):
        task.case()(lambda rng: call(2))


def test_mistake_needs_an_edit_and_the_right_name() -> None:
    task = Task("f")
    with pytest.raises(ValueError, match="at least one edit"):
        task.mistake("k", "de", "en")
    with pytest.raises(ValueError, match="named 'f'"):

        @task.mistake_function("k", "de", "en")
        def g(x):
            return x


def test_an_edit_must_match_the_reference_once() -> None:
    task = Task("standardize")
    task.mistake("k", "de", "en", ("no such text", "x"))
    reference = _example_reference()
    with pytest.raises(ValueError, match="must occur once"):
        task.mistake_entries(reference)


def test_case_asks_for_known_fixtures_only() -> None:
    task = Task("f")
    task.case()(lambda secret: call(1))
    with pytest.raises(TypeError, match="unknown fixtures"):
        task.cases[0].calls({"rng": None})


def test_a_cases_draw_signature_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every submission draws every case again: the draw's parameters are looked up once."""
    task = Task("f")
    task.case()(lambda rng, n=2: call(n))
    read = []
    signature = inspect.signature
    monkeypatch.setattr(inspect, "signature", lambda f: read.append(f) or signature(f))
    drawn = [task.cases[0].calls({"rng": None, "reference": None}) for _ in range(3)]
    assert [d[0].args for d in drawn] == [(2,)] * 3 and len(read) == 1


def test_variant_file_must_name_itself(tmp_path: Path) -> None:
    path = tmp_path / "v.py"
    path.write_text("def f(x):\n    return x\n")
    with pytest.raises(VariantError, match="# de"):
        read_variant(path, "f")
    path.write_text("# de: a\n# en: b\ndef g(x):\n    return x\n")
    with pytest.raises(VariantError, match="no function 'f'"):
        read_variant(path, "f")


@pytest.mark.parametrize(
    ("actual", "expected", "message"),
    [
        ((1.0,), (1.0, 2.0), "Tupel mit 2 Elementen"),
        ((1.0, 3.0), (1.0, 2.0), "Element 2 von 2"),
        ({"a": 1.0}, {"a": 1.0, "b": 2.0}, "Schlüsseln a, b"),
        ("relu", "sigmoid", "erwartet 'sigmoid', erhalten 'relu'"),
        (np.ones(3), np.ones(4), "Form (3,) statt (4,)"),
    ],
)
def test_assert_same_says_where_results_differ(actual, expected, message) -> None:
    with pytest.raises(CheckFailure) as failure:
        assert_same(actual, expected, "f(x)")
    assert message in failure.value.text.de


def test_assert_same_accepts_equal_structures() -> None:
    assert_same(
        (np.arange(3.0), {"w": 2.0}, "tanh", None), (np.arange(3.0), {"w": 2.0}, "tanh", None), "f"
    )


def test_precision_follows_the_drawn_inputs() -> None:
    assert precision_of([np.ones(2, np.float32), 3]) == np.float32
    assert precision_of([np.ones(2), "step"]) is None


def _example_reference() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("t01_ref", EXAMPLE / "solutions" / f"{AID}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
