"""The ``reference`` fixture: the assignment's reference module, its results computed once per batch.

Hidden inputs depend only on the secret seed and the test, so every student's grading asks the
reference the same questions. ``CachedReference`` answers a repeated call from memory: the key is
the function's name and a digest of its arguments (arrays by dtype, shape and bytes); calls with
arguments it cannot fingerprint (a callable, an object) simply run. Each answer is a deep copy,
so a grader that modifies a result cannot change the next student's reference.

The parallel grader processes of one batch share their answers through a ``SharedResults``
folder: the first process to ask computes (under a lock), the others read its file.
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import hashlib
import os
import pickle
import tempfile
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

MAX_ENTRIES = 2048


class Unhashable(Exception):
    """An argument without a stable fingerprint: the call is not cached."""


def _feed(digest: Any, value: Any) -> None:
    if value is None or isinstance(value, bool | int | float | str | complex):
        digest.update(f"{type(value).__name__}:{value!r};".encode())
    elif isinstance(value, np.ndarray | np.generic):
        array = np.asarray(value)
        if array.dtype.hasobject:
            raise Unhashable
        digest.update(f"nd:{array.dtype.str}:{array.shape};".encode())
        digest.update(np.ascontiguousarray(array).tobytes())
    elif isinstance(value, list | tuple):
        digest.update(f"{type(value).__name__}[{len(value)}];".encode())
        for item in value:
            _feed(digest, item)
    elif isinstance(value, dict):
        digest.update(f"dict[{len(value)}];".encode())
        for key in sorted(value, key=repr):
            _feed(digest, key)
            _feed(digest, value[key])
    else:
        raise Unhashable


def call_key(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
    digest = hashlib.sha256(name.encode() + b"|")
    try:
        _feed(digest, list(args))
        _feed(digest, kwargs)
    except Unhashable:
        return None
    return digest.hexdigest()


class SharedResults:
    """Reference results of one batch, shared by its grader processes (trusted ones only).

    A private folder (mode 0700, made by ``tempfile.mkdtemp`` in the batch's main process and
    removed after it) that no sandbox mounts: pickle is safe here because nothing but our own
    grader processes can write it; nothing from a worker ever comes near it.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.computed = 0

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        path = self.folder / f"{key}.pickle"
        with open(self.folder / f"{key}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait for the first to finish
            if path.exists():
                return pickle.loads(path.read_bytes())
            value = compute()
            self.computed += 1
            with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError):
                _write_atomically(path, pickle.dumps(value))
            return value


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


class CachedReference:
    """Behaves like the reference module; its functions' results are memoized (LRU)."""

    def __init__(self, module: ModuleType, shared: SharedResults | None = None) -> None:
        self._module = module
        self._results: OrderedDict[str, Any] = OrderedDict()
        self._shared = shared
        self.hits = 0

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._module, name)
        if not callable(attribute) or isinstance(attribute, type):
            return attribute
        return self._cached(name, attribute)

    def _cached(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            key = call_key(name, args, kwargs)
            if key is None:
                return function(*args, **kwargs)
            if key in self._results:
                self.hits += 1
                self._results.move_to_end(key)
            else:
                compute = lambda: function(*args, **kwargs)  # noqa: E731
                shared = self._shared
                self._results[key] = shared.get(key, compute) if shared else compute()
                if len(self._results) > MAX_ENTRIES:
                    self._results.popitem(last=False)
            return copy.deepcopy(self._results[key])

        return call
