"""nbgrader's "no response" rule for free text: the cell is exactly as released."""

from autograder.notebook.released import released_texts, unchanged
from tests.conftest import REPO

A03 = "a03_optimizers"


def test_a_question_with_a_stub_in_it_counts_as_unanswered_only_when_untouched():
    texts = released_texts(REPO / "assignments" / A03 / f"{A03}.ipynb", ("frage_rennen",))
    released = texts["frage_rennen"]
    assert "IHRE ANTWORT HIER" in released and len(released) > len("IHRE ANTWORT HIER")
    assert unchanged(released, released)
    assert not unchanged(released.replace("IHRE ANTWORT HIER", "Adam, weil …"), released)
    assert not unchanged("", released)  # an emptied cell is a change: nbgrader asks for a grade
    assert unchanged(None, released)  # no such cell in the submission: nothing to grade


def test_without_a_release_the_text_stubs_count_as_unanswered(tmp_path):
    assert released_texts(tmp_path / "missing.ipynb", ("x",)) == {}
    assert unchanged("IHRE ANTWORT HIER", None) and not unchanged("Meine Antwort", None)
