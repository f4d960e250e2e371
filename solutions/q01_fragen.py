"""Reference answers of q01_fragen (the key as the student's variables; see questions.py).

The graders grade with ``autograder/graders/q01_fragen/questions.py``; this file is the course
layout's reference and is checked against it in ``tests/grading/test_quiz.py``.
"""

from __future__ import annotations

import numpy as np

# Fragen I
antwort_1 = {"c"}  # the weighted sum w0 + Σ wᵢxᵢ ≥ 0 decides
antwort_2 = {"a"}  # linearly separable in the plane; XOR is not
# Fragen II
antwort_3 = {"a", "c"}
antwort_4 = {"a"}
# Fragen III (none of the deck's statements is true, see docs/q01_fragen_key.md)
antwort_5 = {"d"}

# The worked example: ŷ = σ(-0.1), J = -ln(1 - ŷ) ≈ 0.644397
y_hat = 1.0 / (1.0 + np.exp(0.1))
antwort_6 = float(-np.log(1.0 - y_hat))

# Softmax of (1.3, 5.1, 2.2, 0.7, 1.1), second class ≈ 0.9025
z = np.array([1.3, 5.1, 2.2, 0.7, 1.1])
antwort_7 = float(np.exp(z[1]) / np.exp(z).sum())

# Flatten(784) → Dense(300) → Dense(1): weights and biases of both dense layers
antwort_8 = 784 * 300 + 300 + 300 * 1 + 1

# Vanishing gradient: at most σ′ ≤ 1/4 per sigmoid layer, 10 layers
antwort_9 = 0.25**10
