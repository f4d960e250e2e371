"""e01_probeklausur: twelve questions and one code task, each drawn per student (hidden).

Every ``make`` below turns the student's generator into their variant: the text they read
(rendered into ``varianten.json`` by ``autograder exam variants``), the key and the named
misconceptions (only here). Conventions follow CONVENTIONS.md (deck 000's momentum, Adam with
ε outside the root, cross-correlation, W in the nn.Linear layout, f(0) = 1 for the step).
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytest

from autograder.authoring import (
    Choice,
    CodeTask,
    Exam,
    Text,
    Variant,
    VariantQuestion,
    as_array,
    assert_close,
    fail,
    numeric,
    shuffled,
)

T = TypeVar("T")


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _pick(rng: np.random.Generator, values: list[T]) -> T:
    return values[int(rng.integers(len(values)))]


def _steps(rng: np.random.Generator, low: float, high: float, step: float) -> float:
    """A number on a grid (one or two decimals), as an exam would print it."""
    count = round((high - low) / step)
    return round(low + step * int(rng.integers(count + 1)), 6)


# ---------------------------------------------------------------- Fragen I: das Perzeptron


def perceptron_fires(rng: np.random.Generator) -> Variant:
    choices = [
        Choice(
            "summe",
            "die gewichtete Summe der Eingänge einschließlich Bias $w_0$ größer gleich 0 ist",
        ),
        Choice(
            "alle_positiv",
            "alle Eingänge größer gleich 0 sind",
            Text(
                "Die Eingänge selbst statt ihrer gewichteten Summe entscheiden",
                "the inputs themselves decide instead of their weighted sum",
            ),
        ),
        Choice(
            "ein_negativ",
            "mindestens ein Eingang kleiner 0 ist",
            Text(
                "Ein einzelner Eingang entscheidet statt der gewichteten Summe",
                "a single input decides instead of the weighted sum",
            ),
        ),
        Choice(
            "gewichte_positiv",
            "alle Gewichte positiv sind",
            Text(
                "Die Gewichte allein entscheiden, nicht ihr Produkt mit den Eingängen",
                "the weights alone decide, not their product with the inputs",
            ),
        ),
    ]
    stem = "Ein Perzeptron mit Stufenfunktion ($f(z) = 1$ für $z \\ge 0$) feuert genau dann, wenn"
    variant = shuffled("antwort_1", rng, stem, choices, frozenset({"summe"}), "", "single")
    key = next(x for x, cid in variant.letters.items() if cid == "summe")
    return Variant(variant.text, variant.question, f"Schlüssel an Stelle {key}", variant.letters)


GATES = {  # weights (w0, w1, w2) of a step perceptron realising the gate on {0, 1}²
    "AND": (-1.5, 1.0, 1.0),
    "OR": (-0.5, 1.0, 1.0),
    "NAND": (1.5, -1.0, -1.0),
    "NOR": (0.5, -1.0, -1.0),
}


def _weights(w: tuple[float, ...], scale: float) -> str:
    return "$(" + ",\\ ".join(f"{scale * x:g}" for x in w) + ")$"


def gate_weights(rng: np.random.Generator) -> Variant:
    gate = str(_pick(rng, list(GATES)))
    scale = float(_pick(rng, [1.0, 2.0, 4.0, 10.0]))
    choices = [
        Choice(
            name,
            _weights(w, scale),
            None
            if name == gate
            else Text(
                f"Gewichte des {name}-Gatters statt des {gate}-Gatters",
                f"the weights of the {name} gate instead of the {gate} gate",
            ),
        )
        for name, w in GATES.items()
    ]
    stem = (
        f"Ein Perzeptron mit Stufenfunktion ($f(z) = 1$ für $z \\ge 0$, sonst 0) und "
        f"$\\mathbf{{w}} = (w_0, w_1, w_2)$, $z = w_0 + w_1 x_1 + w_2 x_2$ soll auf "
        f"$x_1, x_2 \\in \\{{0, 1\\}}$ das **{gate}**-Gatter berechnen. Welche Gewichte leisten das?"
    )
    return shuffled("antwort_2", rng, stem, choices, frozenset({gate}), gate, "single")


def neuron_cost(rng: np.random.Generator) -> Variant:
    w = [_steps(rng, -1.0, 1.0, 0.05) for _ in range(3)]
    x = [int(rng.integers(2)), int(rng.integers(2))]
    y = int(rng.integers(2))
    z = w[0] + w[1] * x[0] + w[2] * x[1]
    p = _sigmoid(z)
    cost = -math.log(p) if y == 1 else -math.log(1.0 - p)
    p_no_bias = _sigmoid(z - w[0])
    text = (
        "Ein Neuron mit Sigmoid-Aktivierung $\\hat y = \\sigma(w_0 + w_1 x_1 + w_2 x_2)$ hat die Gewichte "
        f"$\\mathbf{{w}} = ({w[0]:g},\\ {w[1]:g},\\ {w[2]:g})$ und bekommt $\\mathbf{{x}} = ({x[0]}, {x[1]})$ "
        f"mit $y = {y}$. Berechnen Sie die binäre Kreuzentropie "
        "$J = -\\big[y \\ln \\hat y + (1-y) \\ln(1-\\hat y)\\big]$ (natürlicher Logarithmus; "
        "auf 4 gültige Stellen genau)."
    )
    wrong = [
        (
            "log10",
            cost / math.log(10),
            Text("log₁₀ statt natürlichem Logarithmus", "log₁₀ instead of the natural log"),
        ),
        (
            "mse",
            (y - p) ** 2,
            Text(
                "quadratischer Fehler statt Kreuzentropie", "squared error instead of cross-entropy"
            ),
        ),
        (
            "ohne_bias",
            -math.log(p_no_bias) if y == 1 else -math.log(1.0 - p_no_bias),
            Text("Bias w₀ vergessen", "the bias w₀ forgotten"),
        ),
        (
            "falscher_zweig",
            -math.log(1.0 - p) if y == 1 else -math.log(p),
            Text(
                "Zweig der Kreuzentropie für das falsche Label",
                "the cross-entropy's branch for the other label",
            ),
        ),
    ]
    return numeric("antwort_3", text, cost, f"y = {y}", wrong)


# ---------------------------------------------------------------- Fragen II: Rückwärtspropagation


def output_delta(rng: np.random.Generator) -> Variant:
    loss = str(_pick(rng, ["BCE", "MSE"]))
    z = _steps(rng, -2.0, 2.0, 0.1)
    y = int(rng.integers(2))
    a = _sigmoid(z)
    sigma_prime = a * (1.0 - a)
    if loss == "BCE":
        formula = "die binäre Kreuzentropie $J = -[y \\ln a + (1-y)\\ln(1-a)]$"
        delta = a - y
        wrong = [
            (
                "sigma_prime_extra",
                (a - y) * sigma_prime,
                Text(
                    "σ′ zusätzlich multipliziert (bei Kreuzentropie kürzt es sich)",
                    "σ′ multiplied in as well (it cancels with cross-entropy)",
                ),
            ),
            (
                "vorzeichen",
                y - a,
                Text(
                    "Vorzeichen vertauscht (y − a statt a − y)",
                    "sign swapped (y − a instead of a − y)",
                ),
            ),
        ]
    else:
        formula = "der quadratische Fehler $J = (a - y)^2$"
        delta = 2.0 * (a - y) * sigma_prime
        wrong = [
            (
                "faktor_2",
                (a - y) * sigma_prime,
                Text(
                    "Faktor 2 der Ableitung von (a − y)² vergessen",
                    "the factor 2 of the derivative of (a−y)² forgotten",
                ),
            ),
            (
                "ohne_sigma_prime",
                2.0 * (a - y),
                Text("σ′(z) der Ausgabeschicht vergessen", "σ′(z) of the output layer forgotten"),
            ),
            (
                "vorzeichen",
                2.0 * (y - a) * sigma_prime,
                Text(
                    "Vorzeichen vertauscht (y − a statt a − y)",
                    "sign swapped (y − a instead of a − y)",
                ),
            ),
        ]
    text = (
        f"Das Ausgabeneuron eines Netzes hat die Sigmoid-Aktivierung $a = \\sigma(z)$ mit $z = {z:g}$; "
        f"das Label ist $y = {y}$. Als Kostenfunktion dient {formula}. Berechnen Sie "
        "$\\delta = \\partial J / \\partial z$ der Ausgabeschicht (auf 4 gültige Stellen genau)."
    )
    return numeric("antwort_4", text, delta, loss, wrong)


def hidden_delta(rng: np.random.Generator) -> Variant:
    activation = str(_pick(rng, ["sigmoid", "tanh"]))
    z = _steps(rng, -1.5, 1.5, 0.1)
    w = _steps(rng, -2.0, 2.0, 0.1) or 0.7
    delta_out = _steps(rng, -0.9, 0.9, 0.05) or 0.35
    if activation == "sigmoid":
        f, f_prime = _sigmoid(z), _sigmoid(z) * (1.0 - _sigmoid(z))
        name = "der Sigmoid-Aktivierung $\\sigma$"
        wrong_prime = (
            "sigma_statt_ableitung",
            f,
            Text("σ(z) statt σ′(z)", "σ(z) instead of σ′(z)"),
        )
    else:
        f, f_prime = math.tanh(z), 1.0 - math.tanh(z) ** 2
        name = "der Aktivierung $\\tanh$"
        wrong_prime = (
            "tanh_nicht_quadriert",
            1.0 - math.tanh(z),
            Text("tanh′ = 1 − tanh statt 1 − tanh²", "tanh′ = 1 − tanh instead of 1 − tanh²"),
        )
    delta = f_prime * w * delta_out
    prime_of_a = (
        _sigmoid(f) * (1 - _sigmoid(f)) if activation == "sigmoid" else 1 - math.tanh(f) ** 2
    )
    wrong = [
        (
            "ohne_ableitung",
            w * delta_out,
            Text(
                "Ableitung der Aktivierung in der verdeckten Schicht vergessen",
                "the hidden layer's activation derivative forgotten",
            ),
        ),
        (wrong_prime[0], wrong_prime[1] * w * delta_out, wrong_prime[2]),
        (
            "ableitung_von_a",
            prime_of_a * w * delta_out,
            Text(
                "Ableitung auf die Aktivierung a statt auf z angewandt",
                "the derivative applied to a instead of z",
            ),
        ),
    ]
    text = (
        f"Ein verdecktes Neuron mit {name} hat die Eingabe $z_h = {z:g}$. Es ist mit dem Gewicht "
        f"$w = {w:g}$ mit dem einzigen Ausgabeneuron verbunden, dessen Fehlersignal "
        f"$\\delta_{{out}} = {delta_out:g}$ ist. Berechnen Sie $\\delta_h$ "
        "(auf 4 gültige Stellen genau)."
    )
    return numeric("antwort_5", text, delta, activation, wrong)


# ---------------------------------------------------------------- Optimierer


def adam_step(rng: np.random.Generator) -> Variant:
    beta1 = float(_pick(rng, [0.8, 0.9, 0.95]))
    beta2, eps = 0.999, 1e-8
    eta = float(_pick(rng, [0.01, 0.1]))
    g1 = _steps(rng, -2.0, 2.0, 0.1) or 0.5
    g2 = _steps(rng, -2.0, 2.0, 0.1) or -0.3
    if abs(g2) == abs(g1):  # |g₁| = |g₂| makes the step exactly ±η: nothing to compute
        g2 = round(g2 + 0.3, 6) or 0.3
    m1, v1 = (1 - beta1) * g1, (1 - beta2) * g1**2
    m2, v2 = beta1 * m1 + (1 - beta1) * g2, beta2 * v1 + (1 - beta2) * g2**2
    m_hat, v_hat = m2 / (1 - beta1**2), v2 / (1 - beta2**2)
    step = -eta * m_hat / (math.sqrt(v_hat) + eps)
    wrong = [
        (
            "ohne_bias_korrektur",
            -eta * m2 / (math.sqrt(v2) + eps),
            Text("Adam ohne Bias-Korrektur", "Adam without bias correction"),
        ),
        (
            "t_um_eins_versetzt",
            -eta * (m2 / (1 - beta1)) / (math.sqrt(v2 / (1 - beta2)) + eps),
            Text(
                "Bias-Korrektur mit t = 1 statt t = 2",
                "bias correction with t = 1 instead of t = 2",
            ),
        ),
        (
            "produkt_statt_quotient",
            -eta * m_hat * (math.sqrt(v_hat) + eps),
            Text(
                "m̂ mit (√v̂ + ε) multipliziert statt dividiert",
                "m̂ multiplied by (√v̂ + ε) instead of divided",
            ),
        ),
    ]
    text = (
        "Adam (Mathematik-Foliensatz): $m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t$, "
        "$v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2$, $\\hat m_t = m_t / (1-\\beta_1^t)$, "
        "$\\hat v_t = v_t / (1-\\beta_2^t)$, $w_t = w_{t-1} - \\eta\\, \\hat m_t / (\\sqrt{\\hat v_t} + \\varepsilon)$, "
        f"mit $m_0 = v_0 = 0$, $\\beta_1 = {beta1:g}$, $\\beta_2 = 0.999$, $\\varepsilon = 10^{{-8}}$, "
        f"$\\eta = {eta:g}$. Ein Gewicht bekommt die Gradienten $g_1 = {g1:g}$ und $g_2 = {g2:g}$. "
        "Um wie viel ändert es sich im **zweiten** Schritt, d. h. $\\Delta w = w_2 - w_1$? "
        "(auf 4 gültige Stellen genau)"
    )
    return numeric("antwort_6", text, step, f"β₁ = {beta1:g}", wrong)


def momentum_steps(rng: np.random.Generator) -> Variant:
    beta = float(_pick(rng, [0.5, 0.9]))
    eta = float(_pick(rng, [0.1, 0.5]))
    w0 = _steps(rng, -1.0, 1.0, 0.1)
    g1 = _steps(rng, -2.0, 2.0, 0.1) or 0.8
    g2 = _steps(rng, -2.0, 2.0, 0.1) or -0.6
    m1 = -eta * g1
    m2 = beta * m1 - eta * g2
    w2 = w0 + m1 + m2
    ema1 = (1 - beta) * g1
    ema2 = beta * ema1 + (1 - beta) * g2
    wrong = [
        (
            "ohne_momentum",
            w0 - eta * (g1 + g2),
            Text(
                "Momentum vergessen (einfacher Gradientenabstieg)",
                "momentum forgotten (plain gradient descent)",
            ),
        ),
        (
            "vorzeichen",
            w0 - m1 - m2,
            Text(
                "Schritt in Richtung des Gradienten statt entgegen",
                "a step along the gradient instead of against it",
            ),
        ),
        (
            "mittelwert_form",
            w0 - eta * ema1 - eta * ema2,
            Text(
                "gleitender Mittelwert (1 − β)·g statt β·m − η·g",
                "moving average (1−β)g instead of βm − ηg",
            ),
        ),
    ]
    text = (
        "Momentum wie im KNN-Foliensatz: $m \\leftarrow \\beta m - \\eta \\nabla J(w)$, "
        f"$w \\leftarrow w + m$, mit $m_0 = 0$, $\\beta = {beta:g}$, $\\eta = {eta:g}$ und $w_0 = {w0:g}$. "
        f"Die Gradienten der ersten beiden Schritte sind $\\nabla J(w_0) = {g1:g}$ und "
        f"$\\nabla J(w_1) = {g2:g}$. Wie groß ist $w_2$? (auf 4 gültige Stellen genau)"
    )
    return numeric("antwort_7", text, w2, f"β = {beta:g}", wrong)


# ---------------------------------------------------------------- Faltung und Parameter


def conv_output_size(rng: np.random.Generator) -> Variant:
    k = int(_pick(rng, [3, 5, 7]))
    s = int(_pick(rng, [1, 2]))
    p = int(rng.integers(1, 3))
    h = int(rng.integers(16, 65))
    h += (h + 2 * p - k) % s  # the window fits exactly
    out = (h + 2 * p - k) // s + 1
    wrong = [
        ("ohne_plus_eins", out - 1, Text("„+ 1“ vergessen", "the “+ 1” forgotten")),
        (
            "padding_einmal",
            (h + p - k) // s + 1,
            Text("Padding nur auf einer Seite gezählt", "padding counted on one side only"),
        ),
        (
            "stride_ignoriert",
            h + 2 * p - k + 1,
            Text("Schrittweite nicht berücksichtigt", "the stride ignored"),
        ),
        ("ohne_padding", (h - k) // s + 1, Text("Padding vergessen", "the padding forgotten")),
    ]
    text = (
        f"Eine Faltungsschicht (Kreuzkorrelation) bekommt Bilder der Größe ${h} \\times {h}$. "
        f"Kern ${k} \\times {k}$, Schrittweite (stride) ${s}$, Null-Padding ${p}$ auf jeder Seite. "
        "Wie hoch (und breit) ist die Ausgabe? (ganze Zahl)"
    )
    return numeric("antwort_8", text, out, f"Schrittweite {s}", wrong, rel_tol=0.0, abs_tol=0.01)


def mlp_parameters(rng: np.random.Generator) -> Variant:
    side = int(_pick(rng, [8, 16, 28, 32]))
    n1 = int(_pick(rng, [64, 100, 128, 200, 256, 300]))
    n2 = int(_pick(rng, [32, 50, 64, 100]))
    k = int(_pick(rng, [3, 5, 10]))
    sizes = [side * side, n1, n2, k]
    pairs = list(itertools.pairwise(sizes))
    total = sum((a + 1) * b for a, b in pairs)
    wrong = [
        (
            "ohne_bias",
            sum(a * b for a, b in pairs),
            Text("Bias-Parameter vergessen", "the biases forgotten"),
        ),
        (
            "neuronen_gezaehlt",
            n1 + n2 + k,
            Text("Neuronen statt Parameter gezählt", "neurons counted instead of parameters"),
        ),
        (
            "bias_der_eingabe",
            total + side * side,
            Text(
                "Bias auch für die Eingabeschicht gezählt", "biases counted for the input layer too"
            ),
        ),
    ]
    text = (
        f"Ein Keras-Modell: `Flatten(input_shape=[{side}, {side}])` → `Dense({n1}, activation='relu')` → "
        f"`Dropout(0.2)` → `Dense({n2}, activation='relu')` → `Dense({k}, activation='softmax')`. "
        "Wie viele trainierbare Parameter hat es? (ganze Zahl)"
    )
    return numeric(
        "antwort_9", text, total, f"Eingabe {side}×{side}", wrong, rel_tol=0.0, abs_tol=0.01
    )


def conv_parameters(rng: np.random.Generator) -> Variant:
    c_in = int(_pick(rng, [1, 3, 4, 8, 16, 32]))
    c_out = int(_pick(rng, [6, 8, 12, 16, 32, 64]))
    k = int(_pick(rng, [3, 5, 7]))
    total = (k * k * c_in + 1) * c_out
    wrong = [
        (
            "ohne_eingangskanaele",
            (k * k + 1) * c_out,
            Text(
                "Eingangskanäle nicht mitgezählt (ein Kern hat k·k·C_in Gewichte)",
                "input channels not counted (a kernel has k·k·C_in weights)",
            ),
        ),
        (
            "ohne_bias",
            k * k * c_in * c_out,
            Text("Bias-Parameter vergessen", "the biases forgotten"),
        ),
        (
            "bias_pro_gewicht",
            2 * k * k * c_in * c_out,
            Text(
                "ein Bias pro Gewicht statt pro Filter", "one bias per weight instead of per filter"
            ),
        ),
    ]
    text = (
        f"Eine Faltungsschicht `Conv2D(filters={c_out}, kernel_size={k})` bekommt Eingaben mit "
        f"${c_in}$ Kanälen. Wie viele trainierbare Parameter hat sie? (ganze Zahl)"
    )
    return numeric("antwort_10", text, total, f"Kern {k}×{k}", wrong, rel_tol=0.0, abs_tol=0.01)


# ---------------------------------------------------------------- Fragen III: Aktivierungsfunktionen

STATEMENTS = {
    "Sigmoid": (
        Choice("wertebereich", "Ihre Werte liegen im offenen Intervall $(0, 1)$."),
        Choice("schranke", "Ihre Ableitung ist höchstens $0.25$."),
        Choice(
            "ableitung_plus",
            "Ihre Ableitung ist $\\sigma(z)\\,(1 + \\sigma(z))$.",
            Text("σ′ = σ(1 + σ) statt σ(1 − σ)", "σ′ = σ(1 + σ) instead of σ(1 − σ)"),
        ),
        Choice(
            "nullzentriert",
            "Ihre Ausgaben sind um 0 zentriert.",
            Text(
                "Sigmoid für nullzentriert gehalten (Werte in (0, 1))",
                "sigmoid taken for zero-centred (values in (0, 1))",
            ),
        ),
    ),
    "tanh": (
        Choice("wertebereich", "Ihre Werte liegen im offenen Intervall $(-1, 1)$."),
        Choice("ableitung", "Ihre Ableitung ist $1 - \\tanh^2(z)$."),
        Choice(
            "schranke",
            "Ihre Ableitung ist höchstens $0.25$.",
            Text(
                "Schranke der Sigmoid-Ableitung auf tanh übertragen (tanh′(0) = 1)",
                "the sigmoid derivative's bound carried over to tanh (tanh′(0) = 1)",
            ),
        ),
        Choice(
            "keine_saettigung",
            "Für große $|z|$ ist ihre Ableitung groß.",
            Text(
                "Sättigung übersehen (die Ableitung geht für große |z| gegen 0)",
                "saturation overlooked (the derivative tends to 0 for large |z|)",
            ),
        ),
    ),
    "ReLU": (
        Choice("ableitung_eins", "Für $z > 0$ ist ihre Ableitung 1."),
        Choice(
            "tote_neuronen",
            "Für $z < 0$ sind Ausgabe und Ableitung 0 (Neuronen können „absterben“).",
        ),
        Choice(
            "beschraenkt",
            "Ihre Werte liegen im Intervall $[0, 1]$.",
            Text("ReLU für beschränkt gehalten", "ReLU taken for bounded"),
        ),
        Choice(
            "linear",
            "Ein Netz aus ReLU-Schichten kann nur lineare Funktionen darstellen.",
            Text(
                "stückweise linear mit linear verwechselt", "piecewise linear confused with linear"
            ),
        ),
    ),
}
TRUE_STATEMENTS = {
    "Sigmoid": frozenset({"wertebereich", "schranke"}),
    "tanh": frozenset({"wertebereich", "ableitung"}),
    "ReLU": frozenset({"ableitung_eins", "tote_neuronen"}),
}


def activation_statements(rng: np.random.Generator) -> Variant:
    name = str(_pick(rng, list(STATEMENTS)))
    stem = f"Welche Aussagen über die Aktivierungsfunktion **{name}** sind wahr? (Jede richtige Wahl zählt +½, jede falsche −½, mindestens 0.)"
    return shuffled(
        "antwort_11", rng, stem, STATEMENTS[name], TRUE_STATEMENTS[name], name, "per_option"
    )


def softmax_cross_entropy(rng: np.random.Generator) -> Variant:
    z = [_steps(rng, -2.0, 3.0, 0.1) for _ in range(4)]
    true = int(rng.integers(4))
    shifted = [math.exp(v - max(z)) for v in z]
    p = [v / sum(shifted) for v in shifted]
    cost = -math.log(p[true])
    wrong = [
        (
            "log10",
            cost / math.log(10),
            Text("log₁₀ statt natürlichem Logarithmus", "log₁₀ instead of the natural log"),
        ),
        ("eins_minus_p", 1.0 - p[true], Text("1 − p statt −ln p", "1 − p instead of −ln p")),
        (
            "groesste_klasse",
            -math.log(max(p)),
            Text(
                "Kosten der wahrscheinlichsten statt der richtigen Klasse",
                "the cost of the most probable class instead of the true one",
            ),
        ),
    ]
    values = ",\\ ".join(f"{v:g}" for v in z)
    text = (
        f"Ein Klassifikator gibt die Logits $\\mathbf{{z}} = ({values})$ aus; richtig ist die Klasse "
        f"Nummer **{true + 1}** (von 1 an gezählt). Berechnen Sie die Kreuzentropie "
        "$J = -\\ln \\mathrm{softmax}(\\mathbf{z})_k$ der richtigen Klasse $k$ "
        "(auf 4 gültige Stellen genau)."
    )
    label = "richtige Klasse am größten" if p[true] == max(p) else "andere Klasse am größten"
    return numeric("antwort_12", text, cost, label, wrong)


# ---------------------------------------------------------------- Programmieraufgabe

ACTIVATIONS = {
    "sigmoid": "Sigmoid $\\sigma(z) = 1 / (1 + e^{-z})$",
    "tanh": "$\\tanh(z)$",
    "relu": "ReLU $\\max(0, z)$ (für $z \\le 0$ ist die Ableitung 0)",
    "leaky_relu": "Leaky ReLU mit $\\alpha = 0.01$ ($z$ für $z > 0$, sonst $0.01\\,z$)",
}


def derivative_task(rng: np.random.Generator) -> Variant:
    name = str(_pick(rng, list(ACTIVATIONS)))
    text = (
        f"Ihre Aktivierungsfunktion ist **{ACTIVATIONS[name]}**. Implementieren Sie "
        "`ableitung(z)`: ihre Ableitung $f'(z)$, elementweise für ein numpy-Array `z` beliebiger Form."
    )
    return Variant(text, None, name, params={"aktivierung": name})


exam = Exam(
    [
        VariantQuestion("antwort_1", perceptron_fires),
        VariantQuestion("antwort_2", gate_weights),
        VariantQuestion("antwort_3", neuron_cost),
        VariantQuestion("antwort_4", output_delta),
        VariantQuestion("antwort_5", hidden_delta),
        VariantQuestion("antwort_6", adam_step),
        VariantQuestion("antwort_7", momentum_steps),
        VariantQuestion("antwort_8", conv_output_size),
        VariantQuestion("antwort_9", mlp_parameters),
        VariantQuestion("antwort_10", conv_parameters),
        VariantQuestion("antwort_11", activation_statements),
        VariantQuestion("antwort_12", softmax_cross_entropy),
    ],
    here=Path(__file__).parent,
    code=[CodeTask("ableitung", derivative_task)],
)


@pytest.mark.task("ableitung")
def test_ableitung(student, reference, rng, student_id, secret_seed):
    own = str(exam.variant("ableitung", student_id, secret_seed).params["aktivierung"])
    z = rng.uniform(-4.0, 4.0, size=(5, 3))
    z[np.abs(z) < 1e-3] = 0.5  # ReLU's kink stays out
    got = as_array(student.ableitung(z), "ableitung(z)", shape=z.shape)
    for other in ACTIVATIONS:
        if other != own and np.allclose(got, reference.ableitung(z, other), rtol=1e-6, atol=1e-9):
            fail(
                f"Ihr Ergebnis ist die Ableitung von {other}, Ihre Aktivierungsfunktion ist aber {own} "
                "(haben Sie die Aufgabe einer anderen Kennung bearbeitet?).",
                f"Your result is the derivative of {other}, but your activation is {own} "
                "(did you work on another id's task?).",
            )
    assert_close(got, reference.ableitung(z, own), "ableitung(z)")
