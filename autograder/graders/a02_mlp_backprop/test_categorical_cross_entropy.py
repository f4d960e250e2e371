"""categorical_cross_entropy(P, Y): −1/N Σᵢ Σₖ Y_ik ln P_ik for one-hot rows Y."""

from autograder.graders.a02_mlp_backprop.problems import cross_entropy

task = cross_entropy("categorical_cross_entropy", "CE(P, Y)", ((7, 4), (1, 5), (6, 3)))
task.mistake(
    "log10", "log₁₀ statt natürlichem Logarithmus", "log₁₀ instead of ln", ("np.log(", "np.log10(")
)
task.mistake(
    "mean_over_all",
    "Mittel über alle N·K Einträge statt über die N Beispiele",
    "mean over all N·K entries instead of the N samples",
    ("-np.sum(Y * np.log(P)) / P.shape[0]", "-np.mean(Y * np.log(P))"),
)
task.mistake(
    "sum",
    "Summe statt Mittelwert über die Beispiele",
    "sum instead of mean over the samples",
    (" / P.shape[0]", ""),
)
