"""Courses made before the nbgrader adapter keep working: their ``nbgrader_config.py`` names
``autograder.integrations.*``, which must still give the adapter's classes."""

import textwrap

from traitlets.config.loader import PyFileConfigLoader

from autograder.nbgrader.autograde import DeduplicateIdsCleanly, SandboxedAutograde
from autograder.nbgrader.feedback import RefuseGenerateFeedback
from autograder.nbgrader.formgrader import TEMPLATE

OLD_CONFIG = textwrap.dedent(
    """
    from autograder.integrations.nbgrader_autograde import DeduplicateIdsCleanly, SandboxedAutograde
    from autograder.integrations.nbgrader_feedback import RefuseGenerateFeedback
    from autograder.integrations.formgrader_mathjax import TEMPLATE

    c = get_config()
    c.Autograde.autograde_preprocessors = [SandboxedAutograde]
    c.Autograde.sanitize_preprocessors = [DeduplicateIdsCleanly]
    c.GenerateFeedback.exporter_class = RefuseGenerateFeedback
    c.HTMLExporter.template_file = str(TEMPLATE)
    """
)


def test_a_config_with_the_old_import_paths_loads_the_adapter(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text(OLD_CONFIG)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path)).load_config()
    assert config.Autograde.autograde_preprocessors == [SandboxedAutograde]
    assert config.Autograde.sanitize_preprocessors == [DeduplicateIdsCleanly]
    assert config.GenerateFeedback.exporter_class is RefuseGenerateFeedback
    assert config.HTMLExporter.template_file == str(TEMPLATE)
    assert TEMPLATE.is_file()
