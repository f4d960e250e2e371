"""The committed build of the JupyterLab button (autograder/serve/labextensions/) belongs to its
source (jupyterlab-abgabe/): a changed schema or package without `build.sh` run again fails here.
The button itself, clicked in JupyterLab: test_lab.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import REPO

SOURCE = REPO / "jupyterlab-abgabe"
BUILT = REPO / "autograder" / "serve" / "labextensions" / "@dl-autograder" / "abgabe"


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def test_the_committed_build_is_that_of_the_source() -> None:
    source, built = load(SOURCE / "package.json"), load(BUILT / "package.json")
    build = built["jupyterlab"].pop("_build")  # what the builder adds: the entry point
    assert built == source and (BUILT / build["load"]).is_file()
    schema = (SOURCE / "schema" / "plugin.json").read_text()
    assert (BUILT / "schemas" / "@dl-autograder" / "abgabe" / "plugin.json").read_text() == schema
    locked = load(SOURCE / "package-lock.json")["packages"][""]  # `npm ci` needs them to agree
    assert (locked["dependencies"], locked["devDependencies"]) == (
        source["dependencies"],
        source["devDependencies"],
    )
