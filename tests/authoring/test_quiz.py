"""Quiz questions (autograder/authoring/questions.py): scoring rules, bad answers, misconceptions,
the catalogue entries built from questions, and grading a q01_fragen submission end to end."""

from __future__ import annotations

import functools
import importlib.util

import numpy as np
import pytest

from autograder.authoring import Quiz
from autograder.authoring.catalogue import Catalogue
from autograder.authoring.checks import CheckFailure
from autograder.authoring.questions import (
    CORRECT,
    INVALID,
    OTHER,
    AnswerMissing,
    Equivalent,
    MultiSelect,
    Numeric,
    Option,
    PartialCredit,
    SingleChoice,
    WrongValue,
    grade,
    mistakes_of,
    question_test,
)
from autograder.config import GradingConfig
from autograder.course import find_course
from autograder.engine.runner import AssignmentGrader, GradeOptions
from autograder.graders.q01_fragen.test_questions import QUESTIONS
from autograder.i18n import Text
from autograder.notebook.compose import (
    fill_solutions,
    read_notebook,
    solution_sources,
    write_notebook,
)
from autograder.sandbox.errors import FunctionMissing, UnsupportedReturn
from tests.conftest import REPO, TEST_SEED

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnknownMarkWarning")  # task marks

XOR = Text("Ein einzelnes Perzeptron löst XOR", "a single perceptron solves XOR")
SINGLE = SingleChoice(
    "q1", "c", (Option("a", misconception=Text("A-Irrtum", "a-error")), Option("b"), Option("c"))
)
ALL = MultiSelect(
    "q2", frozenset({"a", "c"}), (Option("a"), Option("b", misconception=XOR), Option("c"))
)
PER = MultiSelect(
    "q3",
    frozenset({"a", "c"}),
    (
        Option("a", misconception=Text("a vergessen", "a missed")),
        Option("b", misconception=XOR),
        Option("c"),
        Option("d"),
    ),
    "per_option",
)
LOG10 = Text("log₁₀ statt natürlichem Logarithmus", "log₁₀ instead of ln")
NUM = Numeric(
    "q4",
    0.644397,
    abs_tol=5e-4,
    wrong=(WrongValue("log10", 0.279858, LOG10),),
    equivalents=(Equivalent("formula", "-np.log(1 - 0.475021)", Text("Formel", "formula")),),
)
REL = Numeric("q5", 0.25**10, rel_tol=1e-3)


# ---------------------------------------------------------------- scoring rules


def test_single_choice_right_wrong_and_notations():
    assert grade(SINGLE, {"c"}).fraction == 1
    assert grade(SINGLE, "c").fraction == 1
    assert grade(SINGLE, [" C"]).fraction == 1
    wrong = grade(SINGLE, {"a"})
    assert wrong.fraction == 0 and wrong.labels == ("a",)
    assert "A-Irrtum" in wrong.feedback.de and "a-error" in wrong.feedback.en
    assert wrong.misconceptions == (SINGLE.options[0].misconception,)
    assert "Option b ist falsch." in grade(SINGLE, {"b"}).feedback.de  # no misconception given


def test_all_or_nothing_gives_nothing_for_a_subset():
    assert grade(ALL, {"a", "c"}).fraction == 1
    assert grade(ALL, {"a"}).fraction == 0
    assert grade(ALL, {"a", "b", "c"}).fraction == 0


@pytest.mark.parametrize(
    ("answer", "fraction"),
    [({"a", "c"}, 1), ({"a"}, 0.5), ({"a", "c", "b"}, 0.5), ({"a", "b"}, 0), ({"b", "d"}, 0)],
)
def test_per_option_wrong_picks_subtract_floored_at_zero(answer, fraction):
    assert grade(PER, answer).fraction == fraction


def test_per_option_partial_feedback_says_the_share_and_hides_the_key():
    result = grade(PER, {"a", "b", "c"})
    assert "Teilpunkte: 50 %" in result.feedback.de
    assert XOR.de in result.feedback.de
    assert "Option c" not in result.feedback.de  # a right pick is not called out
    assert "fehlt" in grade(PER, {"c"}).feedback.de


def test_numeric_tolerances_and_numpy_scalars():
    assert grade(NUM, 0.644).fraction == 1
    assert grade(NUM, np.float64(0.6444)).fraction == 1
    assert grade(NUM, np.array(0.6444)).fraction == 1
    assert grade(NUM, 0.645).fraction == 0
    assert grade(REL, 9.537e-7).fraction == 1
    assert grade(REL, 1e-6).fraction == 0  # 5 % off: the deck's order of magnitude is not enough


def test_numeric_wrong_value_names_its_misconception():
    result = grade(NUM, 0.2799)
    assert result.fraction == 0 and result.labels == ("log10",)
    assert LOG10.de in result.feedback.de
    assert grade(NUM, 0.9).labels == (OTHER,)
    assert grade(NUM, 0.644).labels == (CORRECT,)


@pytest.mark.parametrize(
    ("question", "answer", "words"),
    [
        (SINGLE, set(), "leere Menge"),
        (SINGLE, {"x"}, "Unbekannte Option"),
        (SINGLE, {"a", "c"}, "genau eine Option"),
        (SINGLE, 3, "Menge von Buchstaben"),
        (ALL, {"a", 1}, "Menge von Buchstaben"),
        (NUM, "0.644", "Zahl"),
        (NUM, True, "Zahl"),
        (NUM, float("nan"), "endliche Zahl"),
        (NUM, np.zeros(2), "Zahl"),
    ],
)
def test_bad_answers_get_zero_and_a_german_message(question, answer, words):
    result = grade(question, answer)
    assert result.fraction == 0 and result.labels == (INVALID,)
    assert words in result.feedback.de


# ---------------------------------------------------------------- catalogue entries


def test_mistakes_are_distractors_and_missed_options_with_assignment_sources():
    entries = mistakes_of(PER)
    assert [e.key for e in entries] == ["option_b", "missed_a"]  # wrong picks first
    assert entries[0].source == 'q3 = {"a", "b", "c"}\n'
    assert entries[1].source == 'q3 = {"c"}\n'
    assert [e.key for e in mistakes_of(SINGLE)] == ["option_a"]
    assert mistakes_of(NUM)[0].source == "q4 = 0.279858\n"


def test_mistake_matchers_match_their_own_answer_but_not_the_key_or_garbage():
    for question in (SINGLE, PER, NUM):
        for entry in mistakes_of(question):
            namespace: dict = {"np": np}
            exec(entry.source, namespace)
            mine = namespace[question.qid]
            assert entry.matcher(mine, (), {}), entry.key
            key = question.value if isinstance(question, Numeric) else question.key
            assert not entry.matcher(key if not isinstance(key, str) else {key}, (), {})
            assert not entry.matcher(object(), (), {})


def test_a_quiz_declares_mistakes_variants_and_choices_once():
    catalogue = Catalogue()
    quiz = Quiz([PER, NUM])
    for entry in quiz.catalogue_entries(None, REPO):
        catalogue.add(entry)
    assert [e.key for e in catalogue.variants("q4")] == ["formula"]
    assert catalogue.variants("q4")[0].source == "q4 = -np.log(1 - 0.475021)\n"
    assert [e.key for e in catalogue.mistakes("q3")] == [e.key for e in mistakes_of(PER)]
    assert quiz.choices() == {"q3": ("a", "b", "c", "d")}
    with pytest.raises(ValueError, match="duplicate"):
        catalogue.add(Quiz([NUM]).catalogue_entries(None, REPO)[0])
    with pytest.raises(ValueError, match="twice"):
        Quiz([NUM, NUM])


# ---------------------------------------------------------------- hidden tests


class FakeStudent:
    def __init__(self, answer=None, error=None):
        self.answer, self.error = answer, error

    def variable(self, task_id, name):
        assert task_id == name
        if self.error is not None:
            raise self.error
        return self.answer


def run_test(question, student):
    recorded = {}
    question_test(question)(student, lambda name, value: recorded.__setitem__(name, value))
    return recorded


def test_question_tests_are_tagged_with_their_task():
    tests = Quiz([SINGLE, NUM]).generated_tests()
    assert list(tests) == ["test_q1", "test_q4"]
    marker = tests["test_q4"].pytestmark[0]
    assert (marker.name, marker.args) == ("task", ("q4",))
    assert (tests["test_q4"].task_id, tests["test_q4"].weight) == ("q4", 1.0)


def test_question_test_passes_fails_and_gives_partial_credit():
    assert run_test(PER, FakeStudent({"a", "c"})) == {"answer": ["a", "c"]}
    with pytest.raises(PartialCredit) as partial:
        run_test(PER, FakeStudent({"a"}))
    assert partial.value.fraction == 0.5
    with pytest.raises(CheckFailure) as failed:
        run_test(SINGLE, FakeStudent({"a"}))
    assert not isinstance(failed.value, PartialCredit)


def test_question_test_missing_or_unsupported_answer():
    with pytest.raises(AnswerMissing, match="not defined"):
        run_test(SINGLE, FakeStudent(error=FunctionMissing("q1")))
    with pytest.raises(CheckFailure) as unsupported:
        run_test(SINGLE, FakeStudent(error=UnsupportedReturn("Foo")))
    assert "Foo" in unsupported.value.text.de


def test_reference_file_holds_the_keys_of_q01():
    path = REPO / "solutions" / "q01_fragen.py"
    spec = importlib.util.spec_from_file_location("q01_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for question in QUESTIONS:
        assert grade(question, getattr(module, question.qid)).fraction == 1, question.qid


# ---------------------------------------------------------------- end to end (sandbox)


@functools.cache
def q01():
    assignment = find_course(REPO).assignment("q01_fragen")
    grader = AssignmentGrader(assignment, GradeOptions(GradingConfig(TEST_SEED)))
    model = solution_sources(read_notebook(assignment.source_notebook))
    release = read_notebook(assignment.release_dir / "q01_fragen.ipynb")
    return grader, model, release


def grade_q01(tmp_path, sources):
    grader, model, release = q01()
    path = write_notebook(fill_solutions(release, {**model, **sources}), tmp_path / "s.ipynb")
    return grader.grade_file(path, "s")


def test_a_right_answer_is_called_right_not_all_checks_passed(tmp_path):
    result = grade_q01(tmp_path, {})
    assert {t.feedback for t in result.tasks if t.kind == "auto"} == {"Richtig."}
    assert [t.label for t in result.tasks][:2] == ["Frage 1", "Frage 2"]
    assert all(t.question for t in result.tasks if t.kind == "auto")


def test_partial_credit_and_answers_reach_the_results(tmp_path):
    result = grade_q01(tmp_path, {"antwort_3": 'antwort_3 = {"a"}\n'})
    task = result.task("antwort_3")
    assert (task.score, task.max_score, task.status) == (1.0, 2.0, "partial")
    assert task.answer == ["a"]
    assert task.diagnosis is not None and task.diagnosis.key == "missed_c"
    assert task.feedback.startswith("Ihre Antwort entspricht der Fehlvorstellung „")
    assert task.label == "Frage 3" and task.question
    assert "lokale Minima" in task.feedback.lower() or "Minima" in task.feedback
    assert result.task("antwort_1").answer == ["c"]
    assert result.task("antwort_6").answer == [CORRECT]
    assert result.score == result.max_score - 1


def test_bad_and_missing_answers_cost_only_their_question(tmp_path):
    result = grade_q01(
        tmp_path,
        {
            "antwort_1": "antwort_1 = 3\n",
            "antwort_2": 'antwort_zwei = {"a"}\n',
            "antwort_7": "raise NotImplementedError()\n",
        },
    )
    assert result.task("antwort_1").score == 0
    assert "Menge von Buchstaben" in result.task("antwort_1").feedback
    assert result.task("antwort_1").answer == [INVALID]
    assert "`antwort_2` ist nach dem Ausführen" in result.task("antwort_2").feedback
    missing = result.task("antwort_7").feedback
    assert "`antwort_7` ist noch nicht bearbeitet" in missing and "NotImplementedError" in missing
    assert "`antwort_7 = ...`" in missing and "auf:" not in missing and ": Keine" not in missing
    assert not result.notes  # the cell's failure is said once, in its row
    assert result.score == result.max_score - 3  # 1 + 1 + 1 point lost, the rest full


def test_numeric_answers_may_be_exact_rationals_or_ints_of_any_size():
    from fractions import Fraction

    assert grade(NUM, Fraction(644397, 10**6)).fraction == 1
    assert grade(REL, Fraction(1, 4**10)).fraction == 1
    for huge in (10**400, Fraction(10**400, 3)):  # beyond float64: invalid, not a grader crash
        result = grade(NUM, huge)
        assert result.labels == (INVALID,) and "endliche Zahl" in result.feedback.de
