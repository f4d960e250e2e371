"""Notebooks as students really hand them in (issue 22): the solved a01 release, saved the way
JupyterLab, Colab, Windows editors and LMS downloads save it, is graded like the clean file —
and where it had to be repaired, the student reads a German note about it."""

from __future__ import annotations

import base64
import codecs
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import pytest

from autograder.course import find_course
from autograder.notebook import reading
from autograder.notebook.compose import fill_solutions, read_notebook, solution_sources
from autograder.notebook.match import definition, read_cells
from autograder.notebook.reading import MAX_FILE_BYTES, NotebookError
from autograder.notebook.strip import drop_parsed, strip_outputs
from autograder.notebook.submission import load_submission
from autograder.reports.feedback import render_feedback

REPO = Path(__file__).resolve().parents[2]
Notebook = dict[str, Any]


@pytest.fixture
def spec(a01):  # type: ignore[no-untyped-def]
    return a01.spec()


@pytest.fixture
def solved(release_notebook, model_sources) -> Notebook:
    """The solved a01 release as plain JSON (each test changes its own copy)."""
    return json.loads(nbformat.writes(fill_solutions(release_notebook, model_sources)))


@pytest.fixture
def grade_json(grader, tmp_path) -> Callable[..., Any]:
    """Write ``data`` (JSON, or bytes as they are) as a student's file and grade it."""

    def grade(data: Notebook | bytes, name: str = "student") -> Any:
        path = tmp_path / f"{name}.ipynb"
        path.write_bytes(data if isinstance(data, bytes) else json.dumps(data).encode())
        return grader.grade_file(path, name)

    return grade


def _cell(notebook: Notebook, grade_id: str) -> dict[str, Any]:
    return next(c for c in notebook["cells"] if _grade_id(c) == grade_id)


def _number(notebook: Notebook, grade_id: str) -> int:
    """The cell's number as the notes count it (from 1, top to bottom)."""
    return notebook["cells"].index(_cell(notebook, grade_id)) + 1


def _source(notebook: Notebook, grade_id: str) -> str:
    source = _cell(notebook, grade_id)["source"]
    return source if isinstance(source, str) else "".join(source)


def _grade_id(cell: dict[str, Any]) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _png_output(megabytes: int) -> dict[str, Any]:
    data = base64.b64encode(os.urandom(megabytes << 20))
    return {
        "output_type": "display_data",
        "data": {"image/png": data.decode(), "text/plain": ["<Figure size 640x480>"]},
        "metadata": {},
    }


@pytest.fixture(params=["parsed whole", "scanned"])
def way(request, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """Read small files both ways: parsed whole (the default for them) and by the scanner that
    big files take."""
    if request.param == "scanned":
        monkeypatch.setattr(reading, "PARSE_WHOLE_BYTES", 0)
    return str(request.param)


def _full_marks(result: Any) -> bool:
    return result.status == "graded" and result.score == result.max_score == 18.0


# ---------------------------------------------------------------- outputs and size


def test_plot_outputs_of_38_mib_are_dropped_and_graded(solved, grade_json, tmp_path):
    for cell in (c for c in solved["cells"] if c["cell_type"] == "code"):
        cell["outputs"] = [_png_output(2)]  # 2 MiB of image → ~2.7 MiB of base64 per cell
    data = json.dumps(solved).encode()
    assert len(data) > 38 << 20
    result = grade_json(data)
    assert _full_marks(result) and result.notes == []


def test_the_code_limit_still_holds_and_abuse_is_refused_unread(spec, tmp_path):
    code = {
        "nbformat": 4,
        "metadata": {},
        "cells": [{"cell_type": "code", "source": "x" * (21 << 20)}],
    }
    path = tmp_path / "code.ipynb"
    path.write_text(json.dumps(code))
    with pytest.raises(NotebookError) as info:
        load_submission(path, spec, "s")
    assert "zu groß: 21 MiB ohne Ausgaben, höchstens 20 MiB" in info.value.text.de
    sparse = tmp_path / "sparse.ipynb"
    with sparse.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # a sparse file: over the cap, never read
    with pytest.raises(NotebookError) as info:
        load_submission(sparse, spec, "s")
    assert "zu groß (256 MiB, höchstens 256 MiB)" in info.value.text.de


def test_outputs_that_look_like_json_structure_are_dropped_exactly(spec, solved, tmp_path, way):
    tricky = 'print("\\"outputs\\": [}]{")  # "outputs": [\n'
    _cell(solved, "neuron")["source"] += "\n" + tricky
    _cell(solved, "neuron")["outputs"] = [
        {"output_type": "stream", "name": "stdout", "text": ['"]}\\"\n', "{[\n"]},
        {"output_type": "error", "ename": "E", "evalue": "\\", "traceback": []},
    ]
    _cell(solved, "neuron")["attachments"] = {"a.png": {"image/png": "AAAA"}}
    solved["metadata"]["widgets"] = {"state": {"x": [1, "]"]}}
    path = tmp_path / "tricky.ipynb"
    path.write_text(json.dumps(solved, indent=1))
    submission = load_submission(path, spec, "s")
    assert submission.solutions["neuron"].endswith(tricky) and not submission.problems


def test_a_json_error_after_dropped_outputs_names_the_original_line(spec, solved, tmp_path, way):
    _cell(solved, "neuron")["outputs"] = [{"output_type": "stream", "text": ["a\n"] * 500}]
    text = json.dumps(solved, indent=1)
    broken = text[: text.rindex("}")]  # cut off the closing brace
    path = tmp_path / "cut.ipynb"
    path.write_text(broken)
    with pytest.raises(NotebookError) as info:
        load_submission(path, spec, "s")
    assert f"Zeile {broken.count(chr(10)) + 1}" in info.value.text.de


def test_parsed_whole_and_scanned_drop_the_same_values(solved):
    _cell(solved, "neuron")["outputs"] = [{"output_type": "stream", "text": ['"]}\\"\n']}]
    _cell(solved, "neuron")["attachments"] = {"a.png": {"image/png": "AAAA"}}
    code = next(c for c in solved["cells"] if c["cell_type"] == "code")
    code["outputs"] = "not a list"  # a scalar is dropped to null
    solved["metadata"]["widgets"] = [1, {"x": "]"}]
    solved["metadata"]["kept"] = {"outputs": [1], "attachments": 2}  # not at a dropped path
    documents = [solved, {"cells": {"*": {"outputs": [1]}}}, [{"cells": [{"outputs": [1]}]}], None]
    for document in documents:
        data = json.dumps(document, indent=1).encode()
        scanned = json.loads(strip_outputs(data).code)
        assert drop_parsed(json.loads(data)) == scanned
    assert scanned is None and json.loads(strip_outputs(json.dumps(solved).encode()).code)[
        "metadata"
    ]["kept"] == {"outputs": [1], "attachments": 2}


def test_a_small_file_with_unreadable_outputs_is_read_as_the_scanner_reads_it(
    spec, solved, tmp_path
):
    _cell(solved, "neuron")["outputs"] = ["OUTPUT"]
    text = json.dumps(solved, indent=1).encode()
    broken = text.replace(b'"OUTPUT"', b'[1 2 "\xff\xfe" {]}')  # no JSON, no UTF-8
    path = tmp_path / "broken_outputs.ipynb"
    path.write_bytes(broken)
    with pytest.raises(ValueError):
        json.loads(broken)
    assert load_submission(path, spec, "s").solutions["neuron"] == _source(solved, "neuron")


def test_a_file_over_the_limit_is_scanned_not_parsed_whole(spec, solved, tmp_path, monkeypatch):
    path = tmp_path / "big.ipynb"
    path.write_text(json.dumps(solved))
    monkeypatch.setattr(reading, "PARSE_WHOLE_BYTES", path.stat().st_size - 1)
    monkeypatch.setattr(reading, "_parsed_whole", None)  # calling it would fail
    assert load_submission(path, spec, "s").solutions["neuron"] == _source(solved, "neuron")


def test_newlines_standing_in_for_outputs_do_not_count_as_code():
    cells = [{"cell_type": "code", "source": "x = 1", "outputs": ["a\n"] * 3}]
    data = json.dumps({"cells": cells}, indent=1).encode()
    stripped = strip_outputs(data)
    assert stripped.padding == 4 and stripped.code.count(b"\n") == data.count(b"\n")
    assert stripped.size == len(json.dumps({"cells": [{**cells[0], "outputs": []}]}, indent=1))


# ---------------------------------------------------------------- encodings


def test_utf8_with_byte_order_mark_is_graded(solved, grade_json):
    assert _full_marks(
        grade_json(codecs.BOM_UTF8 + json.dumps(solved, ensure_ascii=False).encode())
    )


def test_utf16_is_decoded_and_graded(solved, grade_json):
    data = json.dumps(solved, ensure_ascii=False).encode("utf-16")  # with its BOM, as editors save
    assert _full_marks(grade_json(data))


# ---------------------------------------------------------------- copies of a cell


def test_an_identical_copy_of_a_task_cell_is_graded_once(solved, grade_json):
    solved["cells"].append(json.loads(json.dumps(_cell(solved, "neuron"))))
    result = grade_json(solved)
    assert _full_marks(result) and result.notes == []


def test_of_different_copies_the_last_counts_with_a_note_naming_both(solved, grade_json):
    first = _cell(solved, "neuron")
    wrong = json.loads(json.dumps(first))
    wrong["source"] = "def neuron(w, X, activation='step'):\n    return 0 * X[:, 0]\n"
    at = solved["cells"].index(first)
    solved["cells"].insert(at, wrong)  # wrong first (cell n), right last (cell n + 1)
    n = at + 1
    result = grade_json(solved)
    assert _full_marks(result)
    assert result.notes == [
        f"Die Zelle `neuron` kommt 2-mal mit verschiedenem Inhalt vor (Zellen {n} und {n + 1}, von "
        f"oben gezählt). Bewertet wurde die letzte (Zelle {n + 1}): Beim Ausführen von oben nach "
        "unten gilt sie. Bitte behalten Sie nur eine."
    ]
    solved["cells"][at], solved["cells"][at + 1] = solved["cells"][at + 1], solved["cells"][at]
    swapped = grade_json(solved, "swapped")  # right first, wrong last: the wrong one counts
    assert swapped.task("neuron").score == 0 and f"Zelle {n + 1}" in swapped.notes[0]


# ---------------------------------------------------------------- lost metadata


def test_stripped_metadata_is_graded_by_function_with_a_note(solved, grade_json):
    for cell in solved["cells"]:
        cell["metadata"] = {}
    result = grade_json(solved)
    assert _full_marks(result)
    assert "nbgrader-Struktur verloren" in result.notes[0] and len(result.notes) == 1
    manual = result.task("vorabfrage_xor")
    assert manual.needs_review and "suchen Ihre Antwort von Hand" in manual.feedback


def test_stripped_quiz_answers_are_found_by_their_variable(tmp_path):
    q01 = find_course(REPO).assignment("q01_fragen")
    sources = solution_sources(read_notebook(q01.source_notebook))
    notebook = fill_solutions(read_notebook(q01.release_dir / "q01_fragen.ipynb"), sources)
    for cell in notebook.cells:
        cell.metadata = {}
    path = tmp_path / "q01.ipynb"
    path.write_text(nbformat.writes(notebook))
    spec = q01.spec()
    submission = load_submission(path, spec, "s")
    assert submission.solutions == {t: sources[t] for t in spec.task_ids}
    assert submission.review == {m.task_id for m in spec.manual_tasks}


def test_an_edited_grade_id_is_matched_by_the_function(solved, grade_json):
    n = _number(solved, "neuron")
    _cell(solved, "neuron")["metadata"]["nbgrader"]["grade_id"] = "neuron_v2"
    result = grade_json(solved)
    assert _full_marks(result)
    assert result.notes == [
        "Die Lösungszelle `neuron` hatte ihre nbgrader-Kennung verloren (oder eine geänderte); "
        f"bewertet wurde Zelle {n}, die `def neuron(` enthält."
    ]


@pytest.mark.parametrize("kind, label", [("markdown", "Markdown-Zelle"), ("raw", "Raw-Zelle")])
def test_a_task_cell_turned_into_markdown_or_raw_says_so(spec, solved, tmp_path, kind, label):
    n = _number(solved, "neuron")
    cell = _cell(solved, "neuron")
    cell["cell_type"] = kind
    del cell["outputs"], cell["execution_count"]
    path = tmp_path / "converted.ipynb"
    path.write_text(json.dumps(solved))
    submission = load_submission(path, spec, "s")
    problem = submission.problems["neuron"].de
    assert f"keine Code-Zelle mehr, sondern eine {label} (Zelle {n})" in problem
    assert "Taste Y" in problem and "bce_sgd_step" in submission.solutions


# ---------------------------------------------------------------- what already worked: keep


def _text_outputs(notebook: Notebook) -> None:
    line = "Epoche 123: J = 0.693147 " + "x" * 60 + "\n"
    _cell(notebook, "mlp_xor_train")["outputs"] = [
        {"output_type": "stream", "name": "stdout", "text": [line] * (5_000_000 // len(line))}
    ]


def _colab(notebook: Notebook) -> None:
    notebook["metadata"].update(
        colab={"provenance": [], "collapsed_sections": [], "toc_visible": True},
        accelerator="GPU",
        kernelspec={"name": "python3", "display_name": "Python 3"},
    )
    for cell in notebook["cells"]:
        cell["metadata"]["id"] = "aB3dE5fG7hI9"
        cell["metadata"]["colab"] = {"base_uri": "https://localhost:8080/"}


def _widgets(notebook: Notebook) -> None:
    view = {"model_id": "5d1c", "version_major": 2, "version_minor": 0}
    _cell(notebook, "mlp_xor_train")["outputs"] = [
        {
            "output_type": "display_data",
            "data": {
                "application/vnd.jupyter.widget-view+json": view,
                "text/plain": ["IntProgress"],
            },
            "metadata": {},
        }
    ]
    state = {"5d1c": {"model_name": "IntProgressModel", "state": {"value": 7, "bar": "x" * 10**6}}}
    notebook["metadata"]["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"state": state, "version_major": 2}
    }


def _nbformat_40(notebook: Notebook) -> None:
    notebook["nbformat_minor"] = 0
    for cell in notebook["cells"]:
        cell.pop("id", None)


@pytest.mark.parametrize("change", [_text_outputs, _colab, _widgets, _nbformat_40])
def test_what_already_worked_still_gets_full_marks(solved, grade_json, change):
    change(solved)
    result = grade_json(solved)
    assert _full_marks(result) and result.notes == []


def test_crlf_line_endings_get_full_marks(solved, grade_json):
    text = json.dumps(solved, indent=1).replace("\n", "\r\n")
    assert _full_marks(grade_json(text.encode()))


# ---------------------------------------------------------------- .py exports


def test_a_py_export_is_refused_clearly(solved, grader, tmp_path):
    from nbconvert import PythonExporter

    script, _ = PythonExporter().from_notebook_node(nbformat.reads(json.dumps(solved), 4))
    path = tmp_path / "alice.py"
    path.write_text(script)
    result = grader.grade_file(path, "alice")
    assert result.status == "error" and "Python-Skript" in result.error
    assert "(.ipynb) abgeben" in result.error


# ---------------------------------------------------------------- the student reads the note


def test_the_feedback_page_shows_the_repair_note(solved, grade_json):
    for cell in solved["cells"]:
        cell["metadata"] = {}
    html = render_feedback(grade_json(solved), "a01_perceptron_xor", "de")
    assert "Hinweise zu Ihrem Notebook" in html
    assert "Ihr Notebook hat seine nbgrader-Struktur verloren" in html


@pytest.mark.parametrize("aid", find_course(REPO).assignment_ids())
def test_only_its_own_cell_defines_a_task_in_the_release(aid):
    """What makes matching by function safe: no setup, test or demo cell of a release defines a
    task's function (else a notebook without metadata could be graded on the release's code)."""
    assignment = find_course(REPO).assignment(aid)
    release = read_notebook(assignment.release_dir / f"{aid}.ipynb")
    cells = read_cells([dict(cell) for cell in release.cells])
    for task_id in assignment.spec().task_ids:
        defining = [c.grade_id for c in cells if definition(c.source or "", task_id)]
        assert set(defining) <= {task_id}, (task_id, defining)  # a quiz stub defines nothing


def test_a_cell_whose_source_is_not_text_has_no_source():
    cells = read_cells(
        [
            {"cell_type": "code", "source": ["x = 1\n", "y = 2"]},
            {"cell_type": "code", "source": ["x = 1\n", 2]},
            {"cell_type": "code", "source": {"x": 1}},
            {"cell_type": "markdown", "source": "# Titel"},
        ]
    )
    assert [c.source for c in cells] == ["x = 1\ny = 2", None, None, "# Titel"]
