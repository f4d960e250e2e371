"""Formulas in formgrader without the internet: MathJax from the course's own Jupyter server.

nbgrader 0.9.6 renders a submission for grading with nbconvert's ``HTMLExporter`` and its
``formgrade`` template, whose ``mathjax()`` call loads MathJax 2.7.7 from a CDN; JupyterLab's and
Notebook 7's MathJax 3 is bundled into their JavaScript and cannot be loaded by a page. The
``jupyter-server-mathjax`` extension (a dependency) serves MathJax 2.7 at
``<base_url>/static/jupyter_server_mathjax/MathJax.js``; ``TEMPLATE`` is nbgrader's page with
that URL, set as ``c.HTMLExporter.template_file`` in the course's ``nbgrader_config.py``.
"""

from pathlib import Path

TEMPLATE = Path(__file__).with_name("formgrade_offline.html.j2")
