# nbgrader configuration of this course; `nbgrader` commands and formgrader read it from here.
# The course root is this file's folder, so the same file serves a copy of the course
# (`autograder release` and `autograder demo` copy it into throwaway course folders).
import os

c = get_config()  # noqa: F821  (provided by nbgrader's config loader)
root = os.path.dirname(os.path.abspath(__file__))  # noqa: F821

c.CourseDirectory.root = root
c.CourseDirectory.course_id = "dl-th-koeln"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "assignments"
c.CourseDirectory.db_url = f"sqlite:///{root}/gradebook.db"

# Students read German: the stubs nbgrader puts into solution cells of the release.
c.ClearSolutions.code_stub = {"python": "# IHR CODE HIER\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "IHRE ANTWORT HIER"

# nbgrader's own `autograde` (and formgrader's button) grades with the sandboxed engine instead of
# running student code and tests together in one kernel (autograder/nbgrader/autograde.py).
from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    IgnorePattern,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from autograder.nbgrader.autograde import (  # noqa: E402
    DeduplicateIdsCleanly,
    SandboxedAutograde,
)

# nbgrader's own list, with a DeduplicateIds that leaves copied cells valid (see its docstring)
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DeduplicateIdsCleanly,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
]

c.Autograde.autograde_preprocessors = [
    SandboxedAutograde,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]

# nbgrader's generate_feedback (formgrader's "Generate feedback") would overwrite the pages of
# `autograder feedback --nbgrader`: it refuses and says what to run instead.
from autograder.nbgrader.feedback import RefuseGenerateFeedback  # noqa: E402

c.GenerateFeedback.exporter_class = RefuseGenerateFeedback

# formgrader renders formulas with MathJax from the course server (jupyter-server-mathjax), not
# from a CDN: an offline course server would show raw TeX (autograder/nbgrader/formgrader.py).
from autograder.nbgrader.formgrader import TEMPLATE  # noqa: E402

c.HTMLExporter.template_file = str(TEMPLATE)
