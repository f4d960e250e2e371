"""A student in a real headless Chromium (driven over the DevTools protocol): signs in with the
token, chooses examples/a01_perceptron_xor/partly_wrong.ipynb in the file dialog, submits, waits
on the self-refreshing queue page and reads the named mistake on the feedback page."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.serve.conftest import EXAMPLES, Browser, Running, ServiceCourse

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("chromium"), reason="chromium: scripts/setup.sh"),
]


def test_a_student_uploads_in_the_browser_and_reads_the_named_mistake(
    service: Running, service_course: ServiceCourse, browser: Browser
) -> None:
    browser.call("Page.navigate", url=service.url + "/")
    browser.wait_text("Zugangscode")
    browser.js(
        f"document.getElementById('token').value = {json.dumps(service_course.tokens['anna'])}"
    )
    browser.js("document.getElementById('signin').click()")
    browser.wait_text("Angemeldet als anna")
    document = browser.call("DOM.getDocument")["root"]["nodeId"]
    file_input = browser.call("DOM.querySelector", nodeId=document, selector="#file")
    path = str(EXAMPLES / "partly_wrong.ipynb")
    browser.call("DOM.setFileInputFiles", files=[path], nodeId=file_input["nodeId"])
    browser.js("document.getElementById('upload').click()")
    page = browser.wait_text("Punkte (automatisch bewertet)")
    assert "typischen Fehler „log₁₀ statt natürlichem Logarithmus" in page
    assert "Abgabe von: anna" in page
    browser.call("Page.navigate", url=service.url + "/")
    assert "Rückmeldung: " in browser.wait_text("partly_wrong.ipynb")
