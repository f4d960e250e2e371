"""Feedback figures: drawn once per distinct figure, matplotlib imported only to draw one."""

from __future__ import annotations

import subprocess
import sys

from autograder.reports import plots
from autograder.results.model import Figure, Series
from tests.conftest import REPO


def curve(y: list[float]) -> Figure:
    return Figure("Verlust", "curves", [Series("Ihre Lösung", [0.0, 1.0, 2.0], y)], "Epoche")


def test_the_same_figure_is_drawn_once_and_gives_the_same_svg():
    plots._drawn.cache_clear()
    first = plots.figure_svg(curve([0.7, 0.5, 0.25]))
    again = plots.figure_svg(curve([0.7, 0.5, 0.25]))
    other = plots.figure_svg(curve([0.7, 0.5, 0.26]))
    assert str(first) == str(again) and str(first).startswith("<svg")
    assert str(other) != str(first)
    info = plots._drawn.cache_info()
    assert (info.hits, info.misses) == (1, 2)


def test_the_cli_imports_neither_matplotlib_nor_torch_nor_the_exam_pages():
    """One student's re-grade starts by importing the CLI: a figure library (≈ 0.4 s), torch
    (1–2 s) or the exam's pages (MathML, collusion checks: ≈ 0.1 s) there would be paid by every
    command, not only by those that use them."""
    heavy = "{'matplotlib', 'torch', 'autograder.exam.run', 'latex2mathml'}"
    code = f"import sys, autograder.cli; print(sorted({heavy} & set(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_graders_that_ask_for_the_figure_fixture_may_draw(tmp_path):
    assert plots.graders_may_draw(REPO / "autograder" / "graders" / "a01_perceptron_xor")
    assert not plots.graders_may_draw(REPO / "autograder" / "graders" / "q01_fragen")
    (tmp_path / "test_curve.py").write_text("def test_loss(student, reference, rng):\n    pass\n")
    assert not plots.graders_may_draw(tmp_path)
    (tmp_path / "test_plot.py").write_text("def test_path(student, figure):\n    pass\n")
    assert plots.graders_may_draw(tmp_path)


def test_matplotlib_is_imported_in_the_background_while_a_batch_starts():
    code = (
        "import sys\nfrom autograder.reports import plots\n"
        "before = 'matplotlib' in sys.modules\nplots.import_while_idle().join()\n"
        "print(before, 'matplotlib.figure' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "True"]


def test_an_axis_shows_its_values_not_an_offset_and_a_log_axis_draws_too():
    close = curve([0.25800001, 0.25800002, 0.25800004])  # matplotlib's default: "+2.58e−1"
    canvas = plots._plotted(close)
    canvas.draw_without_rendering()
    axes = canvas.axes[0]
    assert axes.yaxis.get_offset_text().get_text() == ""
    assert axes.xaxis.get_offset_text().get_text() == ""
    log = Figure("Abweichung", "curves", [Series("a", [0.0, 1.0], [1e-8, 1e-2])], yscale="log")
    assert str(plots._draw_figure(log)).startswith("<svg")
