"""Compute a seed's reference results before a submission asks for them.

Hidden inputs depend only on the seed and the test, so grading the model solution with a seed
asks the reference exactly the questions that any later submission graded with that seed asks
(``CachedReference`` keeps the answers), and replaying every catalogued mistake on the model's
recorded calls fills ``MistakeReplays`` for the diagnosis of a wrong one. The practice service
does this for a fresh seed while it is idle, so an attempt's hidden inputs are still its own,
but their reference results are ready when the attempt arrives.

Everything here runs in the trusted grading process, on the grader's own caches: the model
solution runs in a sandboxed worker of its own (no student shares it), its results never leave
this process. The work goes task by task and mistake by mistake, asking ``stop`` in between, so
a submission that arrives meanwhile waits for one step at most (one task's tests, one replay);
a half-prepared seed is still correct to grade with (what is missing is computed then, as
without preparation).
"""

from __future__ import annotations

from collections.abc import Callable

from autograder.engine.proxy import CallRecord, StudentProxy
from autograder.engine.runner import AssignmentGrader
from autograder.notebook.submission import Submission, load_submission
from autograder.sandbox import errors

Stop = Callable[[], bool]


def model_submission(grader: AssignmentGrader) -> Submission:
    """The source notebook's model solutions, as a submission."""
    return load_submission(grader.assignment.source_notebook, grader.spec, "model-solution")


def prepare_seed(
    grader: AssignmentGrader, model: Submission, seed: str, stop: Stop = lambda: False
) -> bool:
    """Fill ``grader``'s caches for ``seed`` by grading ``model`` (``model_submission``); True
    when every step ran, False when ``stop`` said so first (or the model's worker failed)."""
    if stop():
        return False
    workers = grader.task_workers(model)
    with workers:
        try:
            workers.start()
        except (errors.WorkerStartFailed, errors.BudgetExhausted):
            return False
        proxy = StudentProxy(workers, model.problems)
        calls: dict[str, list[CallRecord]] = {}
        for task_id in grader.spec.task_ids:  # first what every attempt asks: the reference
            if stop():
                return False
            first = len(proxy.records)
            grader.run_graders(proxy, frozenset({task_id}), seed)
            calls[task_id] = [r for r in proxy.records[first:] if r.name == task_id]
    return _replay_mistakes(grader, calls, stop)


def _replay_mistakes(
    grader: AssignmentGrader, calls: dict[str, list[CallRecord]], stop: Stop
) -> bool:
    """Every catalogued mistake on each of its task's calls (as ``diagnose`` asks them), the
    catalogues' first mistakes first: ``diagnose`` tries them in order, so every wrong
    attempt needs those."""
    mistakes = {task_id: grader.catalogue.mistakes(task_id) for task_id in calls}
    for rank in range(max(map(len, mistakes.values()), default=0)):
        for task_id, records in calls.items():
            entry = mistakes[task_id][rank] if rank < len(mistakes[task_id]) else None
            if entry is None or entry.matcher is not None:
                continue  # a matcher judges the student's value alone: nothing to compute
            for record in records:
                if stop():
                    return False
                grader.replays.result(entry, record)
    return True
