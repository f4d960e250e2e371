"""Drop a notebook's outputs while reading it, before anything is parsed into objects.

Grading never needs outputs (plots, printed text, widget state): the worker runs the code
anew. They can be hundreds of megabytes, so they are cut out of the raw JSON bytes by a small
scanner and only the rest is handed to ``json.loads``: the memory a notebook costs is its file
plus its code, not its parsed outputs.

The scanner works on UTF-8 bytes (JSON's structural characters are ASCII and never occur
inside a multi-byte character), moves with compiled regular expressions from one string or
bracket to the next, and skips a string of any length with ``bytes.find`` (memchr speed). It does not
validate: where the bytes stop making sense (an unterminated string, an unbalanced bracket)
it keeps the rest unchanged, and ``json.loads`` reports the error. A dropped value is replaced
by an empty one of its kind plus the newlines it spanned, so a JSON error further down still
names the line of the original file.

A small file (the common case) is cheaper parsed whole by ``json.loads`` (C speed) than scanned
(a Python loop over every bracket and string): ``drop_parsed`` drops the same values from the
parsed document, each replaced by the same empty one (``reading.py`` chooses).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

# Paths of values dropped while reading: object keys, "*" for any array element.
DROPPED = frozenset(
    {
        ("cells", "*", "outputs"),  # plots, printed text, errors, widget views
        ("cells", "*", "attachments"),  # images pasted into markdown cells
        ("metadata", "widgets"),  # ipywidgets' saved state
    }
)

_NEXT = re.compile(rb'["\[\]{},:]')
_NEXT_IN_VALUE = re.compile(rb'["\[\]{}]')
_SPACE = re.compile(rb"[ \t\r\n]*")
_SCALAR = re.compile(rb"[^\s,\]}]*")
_EMPTY = {ord("["): b"[]", ord("{"): b"{}"}


class _Unreadable(Exception):
    """The bytes stop being JSON here; the caller keeps the rest as it is."""


def _skip_value(data: bytes, start: int) -> int:
    """The end of the JSON value that begins at ``start``."""
    if start >= len(data):
        raise _Unreadable
    first = data[start]
    if first == ord('"'):
        return _skip_string(data, start)
    if first not in _EMPTY:
        end = _SCALAR.match(data, start)
        if end is None or end.end() == start:  # no value at all: leave it to json
            raise _Unreadable
        return end.end()
    depth, pos = 0, start
    while True:
        found = _NEXT_IN_VALUE.search(data, pos)
        if found is None:
            raise _Unreadable
        char = found.group()
        if char == b'"':
            pos = _skip_string(data, found.start())
            continue
        pos = found.end()
        if char in b"[{":
            depth += 1
        elif char in b"]}":
            depth -= 1
            if depth == 0:
                return pos


def _skip_string(data: bytes, start: int) -> int:
    """The end of the string whose opening quote is at ``start`` (``find`` runs at memchr speed:
    a plot's base64 is skipped in one call)."""
    pos = start + 1
    while (end := data.find(b'"', pos)) >= 0:
        before = end - 1
        while data[before] == 0x5C:  # a backslash; stops at the opening quote at the latest
            before -= 1
        if (end - 1 - before) % 2 == 0:  # an even number of backslashes: not escaped
            return end + 1
        pos = end + 1
    raise _Unreadable


def _key(data: bytes, start: int, end: int) -> str:
    """An object key's text; keys that use escapes are never ones we drop."""
    return data[start + 1 : end - 1].decode("utf-8", errors="replace")


def _dropped_spans(data: bytes) -> list[tuple[int, int]]:
    """Byte ranges of the values at ``DROPPED`` paths."""
    spans: list[tuple[int, int]] = []
    path: list[str] = []  # per open container: the current key ("" before one), "*" in arrays
    in_object: list[bool] = []
    expect_key = False
    pos = 0
    try:
        while (found := _NEXT.search(data, pos)) is not None:
            char, pos = found.group(), found.end()
            if char == b'"':
                end = _skip_string(data, found.start())
                if expect_key:
                    path[-1] = _key(data, found.start(), end)
                    expect_key = False
                    if tuple(path) in DROPPED:
                        end = _drop_value(data, end, spans)
                pos = end
            elif char in b"[{":
                in_object.append(char == b"{")
                path.append("" if char == b"{" else "*")
                expect_key = char == b"{"
            elif char in b"]}":
                if not in_object:
                    break
                in_object.pop()
                path.pop()
                expect_key = False
            elif char == b",":
                expect_key = bool(in_object) and in_object[-1]
    except _Unreadable:
        pass
    return spans


def _drop_value(data: bytes, key_end: int, spans: list[tuple[int, int]]) -> int:
    """Record the value after the key ending at ``key_end``; return where scanning goes on."""
    colon = _SPACE.match(data, key_end)
    assert colon is not None
    if data[colon.end() : colon.end() + 1] != b":":
        return key_end  # not a key after all: leave it to json
    value = _SPACE.match(data, colon.end() + 1)
    assert value is not None
    end = _skip_value(data, value.end())
    spans.append((value.end(), end))
    return end


class Stripped(NamedTuple):
    code: bytes  # the notebook without its outputs
    padding: int  # newlines standing in for dropped values (they keep line numbers right)

    @property
    def size(self) -> int:
        return len(self.code) - self.padding


def strip_outputs(data: bytes) -> Stripped:
    """``data`` (a notebook's UTF-8 JSON) without the values at ``DROPPED`` paths."""
    parts: list[bytes] = []
    kept = padding = 0
    for start, end in _dropped_spans(data):
        lines = data.count(b"\n", start, end)
        parts += [data[kept:start], _EMPTY.get(data[start], b"null"), b"\n" * lines]
        kept, padding = end, padding + lines
    if not parts:
        return Stripped(data, 0)
    parts.append(data[kept:])
    return Stripped(b"".join(parts), padding)


def drop_parsed(document: Any) -> Any:
    """``document`` (a whole parsed notebook) without the values at ``DROPPED`` paths, each
    replaced by an empty one of its kind as ``strip_outputs`` does: the same result as parsing
    ``strip_outputs``' bytes."""
    for path in DROPPED:
        _drop_at(document, path)
    return document


def _drop_at(node: Any, path: tuple[str, ...]) -> None:
    key, rest = path[0], path[1:]
    # the scanner names an array's elements "*": a key "*" of an object matches it too
    if isinstance(node, dict) and key in node:
        _drop_in(node, key, rest)
    elif key == "*" and isinstance(node, list):
        for index in range(len(node)):
            _drop_in(node, index, rest)


def _drop_in(container: Any, key: str | int, rest: tuple[str, ...]) -> None:
    if rest:
        _drop_at(container[key], rest)
    else:
        container[key] = _empty_like(container[key])


def _empty_like(value: Any) -> Any:
    """What the scanner leaves for a dropped value: ``[]``, ``{}`` or ``null``."""
    if isinstance(value, list):
        return []
    if isinstance(value, dict):
        return {}
    return None
