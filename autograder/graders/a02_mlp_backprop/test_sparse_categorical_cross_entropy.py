"""sparse_categorical_cross_entropy(P, y): −1/N Σᵢ ln P[i, yᵢ] for class indices y."""

from autograder.graders.a02_mlp_backprop.problems import cross_entropy

task = cross_entropy(
    "sparse_categorical_cross_entropy", "sparse CE(P, y)", ((8, 3), (1, 4), (5, 6))
)
task.mistake(
    "log10", "log₁₀ statt natürlichem Logarithmus", "log₁₀ instead of ln", ("np.log(", "np.log10(")
)
task.mistake(
    "rows_indexed",
    "P[y] (Zeilen) statt P[i, yᵢ]",
    "P[y] (rows) instead of P[i, yᵢ]",
    ("P[np.arange(P.shape[0]), y]", "P[y]"),
)
task.mistake("sum", "Summe statt Mittelwert", "sum instead of mean", ("-np.mean(", "-np.sum("))
