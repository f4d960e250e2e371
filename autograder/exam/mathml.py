"""Question texts on the students' pages: ``$…$`` LaTeX as MathML, rendered here on the server
(``latex2mathml``), so a page works offline without a script or CDN; ``**bold**`` and
`` `code` `` as in the notebook's markdown; everything else HTML-escaped.

The converter copies ``\\text{…}`` verbatim into its output, so its MathML is parsed again and
kept only if it holds nothing but MathML elements and attributes (then serialised, escaped);
anything else, and LaTeX it cannot read, is shown as the escaped source.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markupsafe
from latex2mathml.converter import convert

from autograder.reports.feedback import code_spans

NS = "http://www.w3.org/1998/Math/MathML"


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# what latex2mathml writes (MathML Core and a little more); anything else is not shown as MathML
ELEMENTS = _names(
    "math mrow mi mn mo ms mtext mspace msub msup msubsup mfrac msqrt mroot mover munder "
    "munderover mstyle mtable mtr mtd mpadded mphantom menclose mmultiscripts mprescripts none "
    "semantics annotation merror"
)
ATTRIBUTES = _names(
    "display stretchy fence separator accent accentunder minsize maxsize mathvariant mathsize "
    "width height depth lspace rspace columnalign rowspacing columnspacing displaystyle "
    "scriptlevel linethickness notation movablelimits largeop symmetric form"
)
MATH = re.compile(r"(?<!\\)\$(?!\$)(.+?)(?<!\\)\$")
BOLD = re.compile(r"\*\*(.+?)\*\*")


def _safe(element: ET.Element) -> bool:
    return all(
        node.tag.startswith(f"{{{NS}}}")
        and node.tag.removeprefix(f"{{{NS}}}") in ELEMENTS
        and set(node.attrib) <= ATTRIBUTES
        for node in element.iter()
    )


def mathml(latex: str) -> markupsafe.Markup | None:
    """Inline MathML for ``latex``, or None where it cannot be rendered safely."""
    try:
        tree = ET.fromstring(convert(latex, display="inline"))
    except Exception:  # the converter's errors have no common base class
        return None
    if not _safe(tree):
        return None
    for node in tree.iter():
        node.tag = node.tag.removeprefix(f"{{{NS}}}")
    tree.set("xmlns", NS)
    return markupsafe.Markup(ET.tostring(tree, encoding="unicode"))


def _prose(text: str) -> str:
    return BOLD.sub(r"<strong>\1</strong>", str(code_spans(text.replace("\\$", "$"))))


def rich_text(text: str) -> markupsafe.Markup:
    """``text`` as HTML: formulas as MathML, bold and code spans, the rest escaped."""
    parts, last = [], 0
    for match in MATH.finditer(text):
        parts.append(_prose(text[last : match.start()]))
        parts.append(mathml(match.group(1)) or _prose(match.group(0)))
        last = match.end()
    parts.append(_prose(text[last:]))
    return markupsafe.Markup("".join(parts))
