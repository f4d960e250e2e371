"""The authoring kit: everything a hidden grader imports, and nothing else.

A task is declared in one file, ``autograder/graders/<aid>/test_<task>.py``::

    from autograder.authoring import Task, call

    task = Task("softmax")

    @task.case(weight=2, what="softmax(Z), Form (5, 3)")
    def matrix(rng):
        return call(rng.normal(size=(5, 3)))

    task.mistake("no_shift", "ohne Verschiebung", "without the shift", ("z - z.max(…)", "z"))

Correct variants are snippet files in ``variants/<task>/<key>.py``. A quiz is one table of
questions, ``quiz = Quiz.from_toml(…/questions.toml)`` or ``Quiz([SingleChoice(…), …])``.
An exam draws each question per student: ``exam = Exam([VariantQuestion(qid, make)], here=…)`` (docs/exams.md). Unusual checks are
ordinary pytest functions in the same file using the ``student``, ``reference``, ``rng``,
``device`` and ``figure`` fixtures and the named checks below. See docs/authoring.md.
"""

from autograder.authoring.catalogue import within
from autograder.authoring.checks import (
    CheckFailure,
    ExactVector,
    as_array,
    as_exact_integers,
    as_exact_vector,
    as_float,
    as_int,
    as_tuple,
    assert_close,
    fail,
)
from autograder.authoring.compare import (
    Compare,
    assert_same,
    exact_int,
    item_label,
    layers,
    long_run,
    one_item,
    same,
    scalar,
)
from autograder.authoring.exam import (
    Choice,
    CodeTask,
    Exam,
    Variant,
    VariantQuestion,
    numeric,
    shuffled,
)
from autograder.authoring.questions import (
    Equivalent,
    MultiSelect,
    Numeric,
    Option,
    PartialCredit,
    Question,
    SingleChoice,
    WrongValue,
)
from autograder.authoring.quiz import Quiz
from autograder.authoring.setup_cells import setup_cell
from autograder.authoring.task import Call, Case, Task, call
from autograder.i18n import Text

__all__ = [
    "Call",
    "Case",
    "CheckFailure",
    "Choice",
    "CodeTask",
    "Compare",
    "Equivalent",
    "ExactVector",
    "Exam",
    "MultiSelect",
    "Numeric",
    "Option",
    "PartialCredit",
    "Question",
    "Quiz",
    "SingleChoice",
    "Task",
    "Text",
    "Variant",
    "VariantQuestion",
    "WrongValue",
    "as_array",
    "as_exact_integers",
    "as_exact_vector",
    "as_float",
    "as_int",
    "as_tuple",
    "assert_close",
    "assert_same",
    "call",
    "exact_int",
    "fail",
    "item_label",
    "layers",
    "long_run",
    "numeric",
    "one_item",
    "same",
    "scalar",
    "setup_cell",
    "shuffled",
    "within",
]
