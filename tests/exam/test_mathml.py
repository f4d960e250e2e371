"""LaTeX in the exam's question texts reaches the students' Einsicht pages as MathML rendered on
the server: no raw ``$…$``, no script or stylesheet from elsewhere, nothing unescaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from autograder.exam.mathml import rich_text
from autograder.exam.pages import render_review
from autograder.results.model import SubmissionResult, TaskResult
from tests.conftest import TEST_SEED
from tests.exam.simulate import EXAM, IDS

STUDENT = IDS[0]
MATH_ELEMENT = re.compile(r"<math\b.*?</math>", re.S)


def review_page() -> str:
    variants = EXAM.variants(STUDENT, TEST_SEED)
    tasks = [TaskResult(qid, "auto", 0.0, 1.0, "failed", "") for qid in variants]
    result = SubmissionResult(STUDENT, f"{STUDENT}.ipynb", "graded", 0.0, len(tasks), tasks)
    return render_review(result, EXAM, TEST_SEED, "Probeklausur", "de")


def variant_cells(page: str) -> list[str]:
    return re.findall(r'<td class="variant">(.*?)</td>', page, re.S)


def test_the_einsicht_shows_formulas_as_mathml_not_as_latex():
    cells = variant_cells(review_page())
    assert cells and any("$" in v.text for v in EXAM.variants(STUDENT, TEST_SEED).values())
    page_math = [m for cell in cells for m in MATH_ELEMENT.findall(cell)]
    assert len(page_math) >= 10
    for cell in cells:
        assert "$" not in cell and "\\" not in cell, cell  # no LaTeX source left
    for element in page_math:  # well-formed MathML, parsed like a browser's XML parser would
        assert ET.fromstring(element).tag == "{http://www.w3.org/1998/Math/MathML}math"
    assert "<mo>≥</mo>" in "".join(cells) or "<mi>σ</mi>" in "".join(cells)


def test_the_page_loads_nothing_from_elsewhere():
    page = review_page()
    assert "<script" not in page and "http" not in page.replace(
        'xmlns="http://www.w3.org/1998/Math/MathML"', ""
    )


def test_formula_bold_and_code_beside_escaped_text():
    html = str(rich_text(r"Für $z \ge 0$ ist das **AND**-Gatter `np.sum` <b> & 5 \$"))
    assert html.startswith('Für <math display="inline" xmlns="http://www.w3.org/1998/Math/MathML">')
    assert "<mi>z</mi><mo>≥</mo><mn>0</mn>" in html
    assert "<strong>AND</strong>-Gatter <code>np.sum</code> &lt;b&gt; &amp; 5 $" in html


def test_markup_inside_a_formula_is_escaped_and_unreadable_latex_stays_text():
    hostile = str(rich_text(r"$\text{<script>alert(1)</script>}$ und $a<b$"))
    assert "<script" not in hostile and "&lt;script&gt;" in hostile
    assert "<mi>a</mi><mo>&lt;</mo><mi>b</mi>" in hostile
    assert str(rich_text(r"a $\left( x<y$ b")) == r"a $\left( x&lt;y$ b"  # the converter fails
