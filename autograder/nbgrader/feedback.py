"""nbgrader's ``generate_feedback`` (and formgrader's "Generate feedback") refuse in this course.

Stock ``generate_feedback`` renders the autograded notebook: it would replace the pages of
``autograder feedback --nbgrader`` (manual scores, late penalty, named mistakes, figures) with
nbgrader's, and with ``--force`` — which formgrader always uses — it deletes ours first. The
course's ``nbgrader_config.py`` sets ``c.GenerateFeedback.exporter_class`` to this exporter,
which stops the run before any file is touched and says what to run instead.
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters import Exporter
from nbgrader.converters.base import NbGraderException

REFUSAL = (
    "This course's feedback pages come from the sandboxed grader, not from nbgrader's "
    "generate_feedback (it would overwrite them). In the course folder run "
    "`autograder feedback <aid> --results reports/<aid> --nbgrader`, "
    "then `nbgrader release_feedback <aid>` (or formgrader's 'Release feedback')."
)


class RefuseGenerateFeedback(Exporter):
    """An exporter that never exports: creating it fails with ``REFUSAL``."""

    file_extension = ".html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.log.error(REFUSAL)
        raise NbGraderException(REFUSAL)
