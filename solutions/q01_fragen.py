"""Reference answers of q01_fragen (the key as the student's variables; see test_questions.py).

The graders grade with ``autograder/graders/q01_fragen/test_questions.py``; this file is the
course layout's reference and is checked against it in ``tests/grading/test_quiz.py``.
"""

from __future__ import annotations

import numpy as np

# Fragen I
antwort_1 = {"c"}  # the weighted sum w0 + Σ wᵢxᵢ ≥ 0 decides
antwort_2 = {"a"}  # linearly separable in the plane; XOR is not
# Fragen II
antwort_3 = {"a", "c"}
antwort_4 = {"a"}
# Fragen III (the deck's key c, reworded to what is true; see docs/q01_fragen_key.md)
antwort_5 = {"c"}

# The worked example's neuron on the point (1, 1), y = 0: ŷ = σ(1.15), J = -ln(1 - ŷ) ≈ 1.425081
y_hat = 1.0 / (1.0 + np.exp(-1.15))
antwort_6 = float(-np.log(1.0 - y_hat))

# Softmax of (1.3, 5.1, 2.2, 0.7, 1.1) with the third class true: J = -ln p₃ ≈ 3.002545
z = np.array([1.3, 5.1, 2.2, 0.7, 1.1])
antwort_7 = float(-np.log(np.exp(z[2]) / np.exp(z).sum()))

# Flatten(784) → Dense(300) → Dropout → Dense(100) → Dropout → Dense(10): weights and biases
antwort_8 = 784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10

# Vanishing gradient: σ′ ≤ 1/4 as a factor once per sigmoid layer, 10 layers
antwort_9 = 0.25**10
