"""Read a submitted file into notebook JSON, outputs dropped, or say clearly why not.

Two limits: the file (``MAX_FILE_BYTES``, against abuse; saved plots may make an honest
notebook large) and what is left once outputs are dropped (``MAX_CODE_BYTES``: the code and
text that grading reads). Accepted as Jupyter accepts them: UTF-8 with or without a
byte-order mark, UTF-16 with one. A ``.py`` export is refused with a clear message: it has
lost the cells and their nbgrader metadata (docs/instructor.md, "Submissions").
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Any

from autograder.i18n import Text
from autograder.notebook.strip import drop_parsed, strip_outputs

MAX_FILE_BYTES = 256 << 20
MAX_CODE_BYTES = 20 << 20
# Up to this size a file is parsed whole, outputs and all (C speed; no more parsed JSON than the
# MAX_CODE_BYTES a scanned file may keep, so it needs no size check); a bigger one is scanned, so
# that its outputs are never parsed (strip.py).
PARSE_WHOLE_BYTES = 4 << 20

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_PYTHON_START = re.compile(rb"\s*(?:#|import\s|from\s|def\s|class\s|\"\"\"|''')")


class NotebookError(Exception):
    """The file is not a usable notebook for this assignment."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def too_large(size: int) -> Text:
    """The message for a file over ``MAX_FILE_BYTES`` (the collect report uses it too)."""
    limit = MAX_FILE_BYTES >> 20
    return Text(
        f"Die Datei ist zu groß ({size >> 20} MiB, höchstens {limit} MiB).",
        f"The file is too large ({size >> 20} MiB, at most {limit} MiB).",
    )


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise NotebookError(too_large(size))
        return path.read_bytes()
    except OSError as exc:
        raise NotebookError(
            Text(
                f"Die Datei ist nicht lesbar: {exc.strerror}.",
                f"Cannot read the file: {exc.strerror}.",
            )
        ) from None


def as_utf8(raw: bytes) -> bytes:
    """UTF-8 bytes without a byte-order mark (UTF-16 with a BOM is converted).

    ``autograder collect`` stores accepted notebooks so (nbgrader's own tools read only UTF-8)."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :]
    if raw.startswith(_UTF16_BOMS):
        try:
            return raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise _not_text() from None
    return raw


def _not_text() -> NotebookError:
    return NotebookError(
        Text(
            "Die Datei ist kein Text in UTF-8 (oder UTF-16).",
            "The file is not UTF-8 (or UTF-16) text.",
        )
    )


def _refuse_python_export(data: bytes) -> None:
    if _PYTHON_START.match(data[:4096]):
        raise NotebookError(
            Text(
                "Die Datei ist ein Python-Skript (z. B. als .py exportiert), kein Notebook. "
                "Bitte das Notebook selbst (.ipynb) abgeben.",
                "The file is a Python script (e.g. exported as .py), not a notebook. Please "
                "hand in the notebook itself (.ipynb).",
            )
        )


def _parse(code: bytes) -> Any:
    try:
        return json.loads(code.decode("utf-8"))
    except UnicodeDecodeError:
        raise _not_text() from None
    except RecursionError:
        raise NotebookError(
            Text(
                "Die Datei ist kein gültiges Notebook (zu tief verschachtelt).",
                "The file is not a valid notebook (nested too deeply).",
            )
        ) from None
    except json.JSONDecodeError as exc:
        raise NotebookError(
            Text(
                f"Die Datei ist kein gültiges Notebook (JSON-Fehler in Zeile {exc.lineno}, "
                f"Spalte {exc.colno}: {exc.msg}).",
                f"The file is not a valid notebook (JSON error at line {exc.lineno}, "
                f"column {exc.colno}: {exc.msg}).",
            )
        ) from None


def _parsed_whole(data: bytes) -> tuple[Any] | None:
    """The whole file's JSON (in a 1-tuple: JSON may be ``null``), or None where it does not
    parse as a whole: then the scanner decides, as for a big file (the values it drops need not
    be valid, and a JSON error is reported the same way)."""
    try:
        return (json.loads(data.decode("utf-8")),)
    except (UnicodeDecodeError, RecursionError, ValueError):
        return None


def read_notebook_json(path: Path) -> Any:
    """The file's JSON without outputs, attachments and widget state."""
    data = as_utf8(_read_bytes(path))
    if not data.strip():
        raise NotebookError(Text("Die Datei ist leer.", "The file is empty."))
    _refuse_python_export(data)
    if len(data) <= PARSE_WHOLE_BYTES and (whole := _parsed_whole(data)) is not None:
        return drop_parsed(whole[0])
    stripped = strip_outputs(data)
    del data
    if stripped.size > MAX_CODE_BYTES:
        size, limit = stripped.size >> 20, MAX_CODE_BYTES >> 20
        raise NotebookError(
            Text(
                f"Das Notebook ist zu groß: {size} MiB ohne Ausgaben, höchstens {limit} MiB.",
                f"The notebook is too large: {size} MiB without outputs, at most {limit} MiB.",
            )
        )
    return _parse(stripped.code)
