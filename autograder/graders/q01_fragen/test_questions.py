"""Keys, scoring rules and misconceptions of q01_fragen (hidden: never in the notebook), one
hidden test per question (``quiz``).

The question texts are in the source notebook; debatable keys are explained in
``docs/q01_fragen_key.md``. Misconception names reuse the code tasks' mistake names where
they overlap (a01's log₁₀ mistake).
"""

from __future__ import annotations

from autograder.authoring import (
    Equivalent,
    MultiSelect,
    Numeric,
    Option,
    Question,
    Quiz,
    SingleChoice,
    Text,
    WrongValue,
)


def _set_call(expression: str) -> Equivalent:
    return Equivalent("set_call", expression, Text("Menge mit set(...)", "set built with set(...)"))


# Fragen I, 1: when does the perceptron fire?
PERCEPTRON_FIRES = SingleChoice(
    "antwort_1",
    "c",
    (
        Option(
            "a",
            misconception=Text(
                "Die Eingänge selbst statt ihrer gewichteten Summe entscheiden",
                "the inputs themselves decide instead of their weighted sum",
            ),
        ),
        Option(
            "b",
            misconception=Text(
                "Ein einzelner (negativer) Eingang entscheidet statt der gewichteten Summe",
                "a single (negative) input decides instead of the weighted sum",
            ),
        ),
        Option("c"),
    ),
    (_set_call('set("c")'), Equivalent("upper", '{"C"}', Text("Großbuchstabe", "upper case"))),
)

# Fragen I, 2: which problems does a perceptron with two inputs (plus bias) solve?
PERCEPTRON_SOLVES = MultiSelect(
    "antwort_2",
    frozenset({"a"}),
    (
        Option("a"),
        Option(
            "b",
            misconception=Text(
                "Der Bias zählt als dritte Eingabedimension (der Eingaberaum bleibt 2-dimensional)",
                "the bias counts as a third input dimension (the input space stays 2-D)",
            ),
        ),
        Option(
            "c",
            misconception=Text(
                "Ein einzelnes Perzeptron löst XOR (XOR ist nicht linear separierbar)",
                "a single perceptron solves XOR (XOR is not linearly separable)",
            ),
        ),
        Option(
            "d",
            misconception=Text(
                "Ein Perzeptron kann nicht einmal linear separierbare Probleme lösen "
                "(Konvergenz der Perzeptron-Lernregel übersehen)",
                "a perceptron cannot even solve linearly separable problems "
                "(the perceptron rule's convergence overlooked)",
            ),
        ),
    ),
    "all_or_nothing",
    (_set_call('set("a")'), Equivalent("list", '["a"]', Text("Liste", "list"))),
)

# Fragen II, 1: what is true about backpropagation? (per option)
BACKPROP_TRUE = MultiSelect(
    "antwort_3",
    frozenset({"a", "c"}),
    (
        Option(
            "a",
            misconception=Text(
                "Nicht erkannt, dass der Ausgabefehler nur zur Bestimmung der "
                "Gewichtsänderungen rückwärts propagiert wird",
                "not seen that the output error is propagated backward only to determine "
                "the weight updates",
            ),
        ),
        Option(
            "b",
            misconception=Text(
                "Backpropagation nur für Netze mit einer Schicht (sie ist gerade für "
                "mehrschichtige Netze gemacht)",
                "backpropagation only for one-layer networks (it is made for multi-layer ones)",
            ),
        ),
        Option(
            "c",
            misconception=Text(
                "Gradientenabstieg findet immer das globale Minimum (lokale Minima und "
                "langsame Konvergenz übersehen)",
                "gradient descent always finds the global minimum (local minima and slow "
                "convergence overlooked)",
            ),
        ),
    ),
    "per_option",
    (
        _set_call('set("ca")'),
        Equivalent("order", '{"c", "a"}', Text("andere Reihenfolge", "other order")),
    ),
)

# Fragen II, 2: is backpropagation gradient descent on the error surface?
BACKPROP_GRADIENT = SingleChoice(
    "antwort_4",
    "a",
    (
        Option("a"),
        Option(
            "b",
            misconception=Text(
                "Training als Zufallssuche (Gewichte zufällig ändern, Verbesserungen behalten)",
                "training as random search (change weights at random, keep improvements)",
            ),
        ),
        Option(
            "c",
            misconception=Text(
                "Vorwärts- und Rückwärtspropagation verwechselt",
                "forward and backward propagation confused",
            ),
        ),
    ),
    (
        Equivalent("str", '"a"', Text("ein Buchstabe als str", "one letter as a str")),
        Equivalent("upper", '{"A"}', Text("Großbuchstabe", "upper case")),
    ),
)

# Fragen III: what is true about linear activation functions? (key: c, reworded; see the notes)
LINEAR_ACTIVATION = MultiSelect(
    "antwort_5",
    frozenset({"c"}),
    (
        Option(
            "a",
            misconception=Text(
                "Lineare Aktivierung mit der Stufenfunktion verwechselt (nur binäre Ausgaben)",
                "linear activation confused with the step function (binary outputs only)",
            ),
        ),
        Option(
            "b",
            misconception=Text(
                "Übersehen, dass eine lineare Aktivierung keine Nichtlinearität einführt "
                "(lineare Schichten ergeben zusammen eine lineare Abbildung)",
                "overlooked that a linear activation adds no nonlinearity "
                "(linear layers compose to a linear map)",
            ),
        ),
        Option("c"),
        Option(
            "d",
            misconception=Text(
                "Übersehen: konstante Ableitung ⇒ das ganze Netz bleibt eine lineare Abbildung "
                "(weitere Schichten bringen nichts)",
                "overlooked: constant derivative ⇒ the whole network stays a linear map "
                "(more layers add nothing)",
            ),
        ),
    ),
    "all_or_nothing",
    (
        _set_call('set("c")'),
        Equivalent("frozenset", 'frozenset({"c"})', Text("frozenset", "frozenset")),
    ),
)

# The neuron of deck 000's worked example on the XOR point (1, 1), y = 0: J = -ln(1 - σ(1.15)).
# (a01's visible checks print the slide's own point (0, 0), so the quiz asks another one.)
XOR_NEURON_LOSS = Numeric(
    "antwort_6",
    1.4250805831863982,
    abs_tol=5e-4,
    wrong=(
        WrongValue(
            "log10",
            0.6189046335453208,
            Text(
                "log₁₀ statt natürlichem Logarithmus in der Kostenfunktion",
                "log₁₀ instead of the natural log in the loss",
            ),
        ),
        WrongValue(
            "wrong_branch",
            0.27508058318639855,
            Text(
                "Falscher Zweig der Kreuzentropie: −ln ŷ statt −ln(1 − ŷ) für y = 0",
                "wrong branch of the cross-entropy: −ln ŷ instead of −ln(1 − ŷ) for y = 0",
            ),
        ),
        WrongValue(
            "slide_typo",
            0.11946597935658132,
            Text(
                "Druckfehler der Folie übernommen: −log₁₀ ŷ statt −ln(1 − ŷ)",
                "the slide's typo taken over: −log₁₀ ŷ instead of −ln(1 − ŷ)",
            ),
        ),
    ),
    equivalents=(
        Equivalent(
            "formula", "-np.log(1 - 1 / (1 + np.exp(-1.15)))", Text("als Formel", "as a formula")
        ),
        Equivalent("rounded", "1.425", Text("auf drei Stellen gerundet", "rounded to 3 places")),
    ),
)

# The slide's logits (1.3, 5.1, 2.2, 0.7, 1.1) with the third class true: J = -ln softmax(z)₃.
# (a02's visible checks print the slide's rounded probabilities, so the quiz asks for the loss.)
SOFTMAX_PROBABILITY = Numeric(
    "antwort_7",
    3.0025448289638708,
    abs_tol=5e-3,
    wrong=(
        WrongValue(
            "no_exp",
            1.5533484457830566,
            Text("Softmax ohne Exponentialfunktion (zₖ/Σz)", "softmax without the exponential"),
        ),
        WrongValue(
            "log10",
            1.303988650886152,
            Text(
                "log₁₀ statt natürlichem Logarithmus in der Kostenfunktion",
                "log₁₀ instead of the natural log in the loss",
            ),
        ),
        WrongValue(
            "wrong_class",
            0.10254482896387118,
            Text(
                "Kosten der wahrscheinlichsten statt der richtigen Klasse",
                "the loss of the most probable instead of the true class",
            ),
        ),
    ),
    equivalents=(
        Equivalent(
            "formula",
            "-np.log(np.exp(2.2) / np.exp([1.3, 5.1, 2.2, 0.7, 1.1]).sum())",
            Text("als Formel", "as a formula"),
        ),
        Equivalent("rounded", "3.00", Text("gerundet", "rounded")),
    ),
)

# Deck 000's dropout model: Flatten(28×28) → Dense(300) → Dropout → Dense(100) → Dropout →
# Dense(10): 784·300 + 300 + 300·100 + 100 + 100·10 + 10 (a02 prints 784 → 300 → 1's count).
PARAMETER_COUNT = Numeric(
    "antwort_8",
    266610.0,
    abs_tol=0.5,
    wrong=(
        WrongValue(
            "no_bias",
            266200.0,
            Text("Bias-Parameter vergessen", "bias parameters forgotten"),
        ),
        WrongValue(
            "first_layer_only",
            235500.0,
            Text(
                "Nur die erste Dense-Schicht gezählt (784·300 + 300)",
                "only the first dense layer counted (784·300 + 300)",
            ),
        ),
        WrongValue(
            "weights_first_layer",
            235200.0,
            Text(
                "Nur die Gewichtsmatrix der ersten Schicht gezählt (784·300)",
                "only the first layer's weight matrix counted (784·300)",
            ),
        ),
    ),
    equivalents=(
        Equivalent(
            "formula",
            "784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10",
            Text("als Formel", "as a formula"),
        ),
        Equivalent("float", "266_610.0", Text("als float", "as a float")),
    ),
)

# Vanishing gradient: σ′ ≤ 0.25 as a factor 10 times: at most 0.25¹⁰ ≈ 9.54e-7; 5 % accepts
# the deck's own rounding 10⁻⁶ (4.9 % off). The question counts the factors, so 0.25⁹ is a mistake.
VANISHING_FACTOR = Numeric(
    "antwort_9",
    0.25**10,
    rel_tol=0.05,
    wrong=(
        WrongValue(
            "one_factor_short",
            0.25**9,
            Text(
                "Ein Faktor σ′ zu wenig gezählt (0.25⁹ statt 0.25¹⁰)",
                "one factor σ′ too few (0.25⁹ instead of 0.25¹⁰)",
            ),
        ),
        WrongValue(
            "sigma_of_zero",
            0.5**10,
            Text(
                "σ(0) = 0.5 statt des Maximums σ′(0) = 0.25 der Ableitung",
                "σ(0) = 0.5 instead of the derivative's maximum σ′(0) = 0.25",
            ),
        ),
        WrongValue(
            "added",
            2.5,
            Text(
                "Faktoren addiert statt multipliziert (Kettenregel)",
                "factors added instead of multiplied (chain rule)",
            ),
        ),
    ),
    equivalents=(
        Equivalent("power", "0.25**10", Text("als Potenz", "as a power")),
        Equivalent("rounded", "9.537e-7", Text("gerundet", "rounded")),
        Equivalent("slide", "1e-6", Text("wie auf der Folie gerundet", "rounded as on the slide")),
    ),
)

QUESTIONS: list[Question] = [
    PERCEPTRON_FIRES,
    PERCEPTRON_SOLVES,
    BACKPROP_TRUE,
    BACKPROP_GRADIENT,
    LINEAR_ACTIVATION,
    XOR_NEURON_LOSS,
    SOFTMAX_PROBABILITY,
    PARAMETER_COUNT,
    VANISHING_FACTOR,
]

quiz = Quiz(QUESTIONS)
