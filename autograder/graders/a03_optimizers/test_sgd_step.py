"""sgd_step(w, grad, lr): w ← w − η∇J(w), checked update by update along a run."""

from functools import partial

import numpy as np

from autograder.authoring import Task, assert_close
from autograder.graders.a03_optimizers.driving import gradient_run, trajectory_test

task = Task("sgd_step")
run = partial(gradient_run, task="sgd_step")


@task.test()
def test_worked_example(student, reference):
    w, grad = np.array([1.0, 2.0]), np.array([0.5, -1.0])
    assert_close(
        np.asarray(student.sgd_step(w, grad, 0.1)) - w, reference.sgd_step(w, grad, 0.1) - w, "Δw"
    )


test_trajectory = task.test(weight=2)(
    trajectory_test(run, lambda rng: {"lr": float(rng.uniform(0.05, 0.5))})
)


@task.test()
def test_higher_dimension(student, reference, rng):
    run(student, reference, rng, scale=1.0, hparams={"lr": 0.3}, d=7, steps=10)


task.mistake(
    "gradient_ascent",
    "Vorzeichen vertauscht: w + η∇J (Gradientenaufstieg)",
    "sign flipped: w + η∇J (gradient ascent)",
    ("dtype=float) - lr * np", "dtype=float) + lr * np"),
)
task.mistake(
    "lr_ignored",
    "Lernrate η vergessen (w − ∇J)",
    "learning rate η forgotten (w − ∇J)",
    ("- lr * np", "- np"),
)
