"""Figures in the feedback: recorded by graders, kept only as clean numbers, shown on failure."""

import json
import re
from dataclasses import asdict

import numpy as np
import pytest

from autograder.authoring.figures import MAX_POINTS, FigureRecorder, as_points, deviation
from autograder.engine.runner import load_catalogue
from autograder.i18n import Text
from autograder.reports.feedback import render_feedback
from autograder.reports.plots import figure_svg
from autograder.results.model import Figure, Series, submission_from_dict


def test_only_finite_curves_and_paths_are_kept_and_long_ones_thinned():
    assert as_points("not numbers", "curves") is None
    assert as_points(np.ones((3, 3)), "trajectories") is None
    assert as_points(np.ones((3, 2)), "curves") is None
    curve = as_points([1.0, np.nan, 3.0, np.inf], "curves")
    assert curve is not None and curve.tolist() == [[0.0, 1.0], [2.0, 3.0]]
    assert len(as_points(np.arange(10_000.0), "curves")) == MAX_POINTS
    assert as_points([np.nan, 1.0], "curves") is None  # one point is no picture


def test_recorder_resolves_the_language_and_never_fails():
    recorder = FigureRecorder(lambda label: label.get("en") if isinstance(label, Text) else label)
    recorder.curves(Text("Verlust", "Loss"), {Text("Ihre", "yours"): [3, 2, 1], "bad": {"x": 1}})
    recorder.trajectories("Pfad", {"bad": "text"})  # nothing usable: no figure
    [figure] = recorder.figures
    assert figure.title == "Loss" and [s.label for s in figure.series] == ["yours"]


def test_compare_names_the_students_series_first_and_the_references_second():
    recorder = FigureRecorder(lambda label: label.get("en") if isinstance(label, Text) else label)
    recorder.compare_curves("J", [3.0, 2.0, 1.0], [3.0, 1.0, 0.5], xlabel="epoch")
    recorder.compare_paths("w", [[0.0, 0.0], [1.0, 1.0]], [[0.0, 0.0], [2.0, -1.0]])
    curves, paths = recorder.figures
    assert (curves.kind, curves.xlabel, paths.kind) == ("curves", "epoch", "trajectories")
    for figure in (curves, paths):
        assert [s.label for s in figure.series] == ["your solution", "reference"]
    assert curves.series[1].y == [3.0, 1.0, 0.5]


def test_a_failed_training_shows_both_loss_curves_in_the_feedback(grade_sources, model_sources):
    mistake = next(
        e
        for e in load_catalogue("a01_perceptron_xor").mistakes("mlp_xor_train")
        if e.key == "log10"
    )
    result = grade_sources(
        {**model_sources, "mlp_xor_train": mistake.source}, only={"mlp_xor_train"}
    )
    task = result.task("mlp_xor_train")
    assert task.score < task.max_score and len(task.figures) == 1  # one per title
    labels = [s.label for s in task.figures[0].series]
    assert labels == ["Ihre Lösung", "Referenz"] and task.figures[0].kind == "curves"
    back = submission_from_dict(json.loads(json.dumps(asdict(result))))
    assert back.task("mlp_xor_train").figures == task.figures
    html = render_feedback(back, "a01_perceptron_xor", "de")
    assert html.count("<svg") == len(task.figures) and "Verlust J pro Epoche" in html


def test_a_passed_task_shows_no_figure(grade_sources, model_sources):
    result = grade_sources(model_sources, only={"mlp_xor_train"})
    assert result.task("mlp_xor_train").figures == []


def test_a_failed_optimizer_shows_the_students_path_beside_the_reference():
    """a03: a wrong Adam step is drawn as a 2-D trajectory next to the reference's."""
    from tests.engine.test_catalogues import kit

    mistake = next(
        e
        for e in load_catalogue("a03_optimizers").mistakes("adam_step")
        if e.key == "no_bias_correction"
    )
    task = kit("a03_optimizers").grade_entry(mistake)
    assert task.score < task.max_score
    paths = [f for f in task.figures if f.kind == "trajectories"]
    assert paths, "no trajectory figure for a failed trajectory task"
    labels = [s.label for s in paths[0].series]
    assert labels == ["Ihre Lösung", "Referenz"]
    student, reference = (np.column_stack([s.x, s.y]) for s in paths[0].series)
    assert len(student) == len(reference) > 2
    assert not np.allclose(student, reference)  # the picture shows the difference


def _pair(student, reference, kind="trajectories"):
    recorder = FigureRecorder(lambda label: label.get("de") if isinstance(label, Text) else label)
    add = recorder.trajectories if kind == "trajectories" else recorder.curves
    add("Pfad", {"Ihre Lösung": student, "Referenz": reference})
    return recorder.figures


def test_paths_that_overlap_to_the_eye_are_drawn_as_their_distance():
    reference = np.cumsum(np.full((12, 2), 0.1), axis=0)
    apart = reference + np.linspace(0, 1e-4, 12)[:, None]  # 0.01 % of the path: one line
    [figure] = _pair(apart, reference)
    assert figure.kind == "curves" and figure.yscale == "log"
    assert [s.label for s in figure.series] == ["Abstand zur Referenz"]
    assert figure.series[0].y[-1] == pytest.approx(np.sqrt(2) * 1e-4)


def test_paths_that_agree_give_no_figure_and_distinct_ones_both_paths():
    reference = np.cumsum(np.full((12, 2), 0.1), axis=0)
    assert _pair(reference.copy(), reference) == []  # a picture could only contradict the score
    assert _pair(reference + 1e-15, reference) == []  # float64 noise is no difference either
    [both] = _pair(reference[::-1].copy(), reference)
    assert both.kind == "trajectories" and len(both.series) == 2
    assert deviation(reference[::-1].copy(), reference, "trajectories") is None


def test_curves_that_overlap_are_drawn_as_their_distance_too():
    loss = np.linspace(0.7, 0.1, 30)
    [figure] = _pair(loss * (1 + 1e-4), loss, kind="curves")
    assert figure.yscale == "log" and figure.series[0].label == "Abstand zur Referenz"


@pytest.mark.parametrize("key", ["state_negated", "torch_buffer_unmapped"])
def test_a03_momentum_mistakes_in_the_state_draw_no_identical_paths(key):
    """Their w path is right (only the returned m is wrong): both paths drawn on top of each
    other beside 0 / 2 points would contradict the score, so no path is drawn."""
    from tests.engine.test_catalogues import kit

    mistake = next(
        e for e in load_catalogue("a03_optimizers").mistakes("momentum_step") if e.key == key
    )
    task = kit("a03_optimizers").grade_entry(mistake)
    assert task.score < task.max_score
    for figure in task.figures:
        if figure.kind == "trajectories":
            student, reference = (np.column_stack([s.x, s.y]) for s in figure.series)
            assert deviation(student, reference, "trajectories") is None, figure.title


def test_plots_have_no_axis_offset_and_name_the_start_marker():
    reference = 0.4467 + np.cumsum(np.full((12, 2), 1e-6), axis=0)
    figure = Figure(
        "Pfad",
        "trajectories",
        [
            Series("Ihre Lösung", reference[:, 0].tolist(), (reference[:, 1] + 1e-5).tolist()),
            Series("Referenz", reference[:, 0].tolist(), reference[:, 1].tolist()),
        ],
    )
    svg = str(figure_svg(figure))
    texts = re.findall(r"<!-- (.*?) -->", svg)
    assert "Start" in texts  # the star has its legend entry
    assert not [t for t in texts if ("e−" in t and "+" in t) or t.startswith("+")], texts
