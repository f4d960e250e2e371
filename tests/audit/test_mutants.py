"""The mutation operators of ``autograder audit``: each proposes the course's slips, and the
mutants of a function are valid, distinct and the same on every run."""

from __future__ import annotations

import ast
import inspect

import pytest

from autograder.audit.mutants import OPERATORS, generate, normalized
from autograder.authoring.catalogue import function_source
from solutions import a01_perceptron_xor, a02_mlp_backprop, a03_optimizers


def bodies(source: str, operator: str) -> set[str]:
    """The mutated bodies (without the ``def`` line) that ``operator`` makes of ``f``."""
    return {
        "\n".join(m.source.splitlines()[1:]).strip()
        for m in generate(source, "f")
        if m.operator == operator
    }


@pytest.mark.parametrize(
    ("source", "operator", "expected"),
    [
        ("def f(a, b):\n    return a + b", "arithmetic", {"return a - b"}),
        ("def f(a, b):\n    return a @ b", "arithmetic", {"return a * b"}),
        ("def f(a, b):\n    return a ** b", "arithmetic", {"return a * b"}),
        ("def f(a, b):\n    return a <= b", "comparison", {"return a < b", "return a >= b"}),
        ("def f(a):\n    return a * 0", "constant", {"return a * 1", "return a * -1"}),
        (
            "def f(a):\n    return a * 4",
            "constant",
            {"return a * 0", "return a * 5", "return a * 3", "return a * 8", "return a * 2"},
        ),
        (
            "def f(a):\n    return a * 0.5",
            "constant",
            {f"return a * {v}" for v in (0, 1.5, -0.5, 1.0, 0.25)},
        ),
        ("def f(x):\n    return x.mean(axis=0)", "axis", {"return x.mean(axis=1)"}),
        ("def f(x):\n    return x.sum(axis=-1)", "axis", {"return x.sum(axis=0)"}),
        ("def f(a, b):\n    return a - b", "drop_term", {"return a", "return b"}),
        ("def f(a, b):\n    return a / b", "drop_term", {"return a"}),
        ("def f(a):\n    return -a", "drop_term", {"return a"}),
        ("def f(A, W):\n    return A @ W.T", "transpose", {"return A @ W"}),
        ("def f(A, W):\n    return A @ W", "transpose", {"return A @ W.T"}),
        ("def f(a, b):\n    return g(a, b)", "swap_arguments", {"return g(b, a)"}),
        ("def f(a, b):\n    return a - b", "swap_arguments", {"return b - a"}),
        ("def f(x):\n    return np.mean(x)", "reduction", {"return np.sum(x)"}),
        ("def f(x):\n    return x.max()", "reduction", {"return x.min()"}),
        (
            "def f(n):\n    return list(range(n))",
            "off_by_one",
            {"return list(range(n + 1))", "return list(range(n - 1))"},
        ),
        ("def f(x, k):\n    return x[:k]", "off_by_one", {"return x[:k + 1]", "return x[:k - 1]"}),
        ("def f(a, b):\n    return (a, b)", "return_value", {"return (b, a)", "return None"}),
        (
            "def f(a):\n    a = a + 1\n    return a",
            "delete_statement",
            {"return a"},
        ),
    ],
)
def test_operator_proposes_the_slip(source: str, operator: str, expected: set[str]) -> None:
    assert bodies(source, operator) == expected


def test_deleting_the_only_statement_of_a_block_leaves_pass() -> None:
    source = "def f(a):\n    for i in range(3):\n        a = a + i\n    return a"
    assert "for i in range(3):\n        pass" in "\n".join(
        m.source for m in generate(source, "f") if m.operator == "delete_statement"
    )


def test_docstring_arguments_and_name_are_no_sites() -> None:
    source = 'def f(a, b=2):\n    """Doc 1."""\n    return a'
    mutants = generate(source, "f")
    assert [m.operator for m in mutants] == ["return_value"]  # only `return a` → None
    assert normalized(source, "f") == "def f(a, b=2):\n    return a\n"


REFERENCES = [
    (module, name)
    for module in (a01_perceptron_xor, a02_mlp_backprop, a03_optimizers)
    for name, function in inspect.getmembers(module, inspect.isfunction)
    if function.__module__ == module.__name__
]


@pytest.mark.parametrize(("module", "name"), REFERENCES, ids=[n for _, n in REFERENCES])
def test_mutants_are_valid_distinct_and_deterministic(module, name) -> None:
    source = function_source(getattr(module, name))
    mutants = generate(source, name)
    texts = [m.source for m in mutants]
    assert len(set(texts)) == len(texts)  # deduplicated by their unparsed source
    assert normalized(source, name) not in texts  # an edit that changes nothing is no mutant
    for mutant in mutants:
        tree = ast.parse(mutant.source)  # syntactically valid, still the task's function
        assert [type(n) for n in tree.body] == [ast.FunctionDef] and tree.body[0].name == name
        assert mutant.operator in OPERATORS and mutant.key.startswith(mutant.operator)
    assert [m.key for m in generate(source, name)] == [m.key for m in mutants]


def test_every_operator_is_used_on_the_course_references() -> None:
    used = {
        m.operator
        for module, name in REFERENCES
        for m in generate(function_source(getattr(module, name)), name)
    }
    assert used == set(OPERATORS)


def test_diff_shows_the_one_changed_line() -> None:
    source = "def f(a, b):\n    c = a + b\n    return c"
    mutant = next(m for m in generate(source, "f") if m.operator == "arithmetic")
    diff = mutant.diff(normalized(source, "f")).splitlines()
    assert "-    c = a + b" in diff and "+    c = a - b" in diff
    assert mutant.line == 2
