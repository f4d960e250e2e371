"""Hidden data, weights and the detection score of a07's graders, drawn from the secret seed.

Sensor windows come from the notebook's own setup cell ``setup_data`` (``sensor_signals``:
noisy sines of a healthy machine; faults are spikes, a drift or a changed frequency), executed
here from the source notebook (instructor code, never the student's). Weights follow PyTorch's
default initialisation, U(±1/√fan_in), drawn with numpy in float32.
"""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np

from autograder.authoring import PartialCredit, Text, fail

AID = "a07_autoencoder"
SETUP_CELL = "setup_data"
WINDOW = 32  # samples per sensor window: the input size d
PROBE_LAYERS = (WINDOW, 16, 4, 16, WINDOW)  # the graders' own module (worker_helpers.py)
TRAINING = (12, 5e-3, 32)  # epochs, learning rate, batch size of the graders' training runs
Weights = list[tuple[np.ndarray, np.ndarray]]


@functools.cache
def _setup_cell(notebook: Path) -> dict[str, Any]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    (source,) = (
        "".join(c["source"])
        for c in cells
        if c["metadata"].get("nbgrader", {}).get("grade_id") == SETUP_CELL
    )
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<{AID} {SETUP_CELL}>", "exec"), namespace)
    return namespace


def signals(reference: Any, rng: np.random.Generator, n: int, anomaly_share: float):
    """``n`` sensor windows (float32, values in [0, 1]) and their labels (1 = fault)."""
    notebook = Path(reference.__file__).resolve().parents[1] / "source" / AID / f"{AID}.ipynb"
    sensor_signals = _setup_cell(notebook)["sensor_signals"]
    return sensor_signals(n, anomaly_share, seed=int(rng.integers(2**31)))


def weights(rng: np.random.Generator, layers: tuple[int, ...]) -> Weights:
    """[(W, b), …] for Linear layers layers[0] → layers[1] → …, W of shape (out, in)."""
    drawn = []
    for n_in, n_out in itertools.pairwise(layers):
        bound = 1.0 / np.sqrt(n_in)
        W = rng.uniform(-bound, bound, size=(n_out, n_in)).astype(np.float32)
        drawn.append((W, rng.uniform(-bound, bound, size=n_out).astype(np.float32)))
    return drawn


def trained_weights(model: Any) -> Weights:
    """A module's linear layers as [(W, b), …] (to send a trained module into the sandbox)."""
    linears = [m for m in model.modules() if type(m).__name__ == "Linear"]
    return [(m.weight.detach().numpy().copy(), m.bias.detach().numpy().copy()) for m in linears]


def mirrored(sizes: tuple[int, ...]) -> tuple[int, ...]:
    """The layer sizes of the autoencoder of ``sizes``: encoder, then back to sizes[0]."""
    return (*sizes, *sizes[-2::-1])


def label(what: Any) -> Text:
    """A case's label as Text (a plain string is the same in both languages)."""
    return what if isinstance(what, Text) else Text(str(what), str(what))


def recall_precision(flags: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    hits = int(np.sum(flags & (y == 1)))
    return hits / max(1, int(np.sum(y == 1))), hits / max(1, int(np.sum(flags)))


# (shortfall against the reference's recall or precision, share of the test's points): one of
# ≈ 30 faulty or ≈ 90 normal windows moves recall or precision by 0.03 or 0.01
STEPS = ((0.05, 1.0), (0.15, 0.5), (0.3, 0.25))


def judge_detection(flags: np.ndarray, expected: np.ndarray, y: np.ndarray) -> None:
    """Full marks for the reference's recall and precision (within 0.05), then steps."""
    recall, precision = recall_precision(flags, y)
    ref_recall, ref_precision = recall_precision(expected, y)
    shortfall = max(ref_recall - recall, ref_precision - precision)
    share = next((share for limit, share in STEPS if shortfall <= limit), 0.0)
    if share == 1.0:
        return
    de = (
        f"Auf den verdeckten Sensordaten mit eingebauten Fehlern: Recall {recall:.2f} "
        f"(Referenz {ref_recall:.2f}), Präzision {precision:.2f} (Referenz {ref_precision:.2f})"
    )
    en = (
        f"On the hidden sensor data with injected faults: recall {recall:.2f} "
        f"(reference {ref_recall:.2f}), precision {precision:.2f} (reference {ref_precision:.2f})"
    )
    if share == 0.0:
        fail(de + ".", en + ".")
    raise PartialCredit(
        Text(
            f"{de}: {share:.0%} der Punkte dieses Tests.",
            f"{en}: {share:.0%} of this test's points.",
        ),
        share,
    )
