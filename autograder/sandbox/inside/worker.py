"""The sandboxed worker: executes a student's cells and answers calls to their functions.

Runs inside bubblewrap as an unprivileged user, started with ``python -I``. It knows
nothing about tests, references or scores: it receives code and plain-data arguments,
and returns plain data. Everything it says is checked by the trusted grader.

Requests (one frame each, see ``codec``):
  {"op": "exec", "cell": id, "source": str}      -> {"ok": true} | {"ok": false, "error": {...}}
  {"op": "call", "name": str, "args": v, "kwargs": v} -> {"ok": true, "value": v} | error
  {"op": "get", "name": str}                      -> {"ok": true, "value": v} | error (a variable)
"""

from __future__ import annotations

import os
import sys
import traceback
import types
from typing import Any, BinaryIO

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import codec

MAX_MESSAGE_CHARS = 2000


def _take_protocol_streams() -> tuple[BinaryIO, BinaryIO]:
    """Keep private copies of the protocol pipes; the student sees /dev/null and stderr.
    Requests are read buffered (a frame in one system call: the grader sends one at a time)."""
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb", buffering=0)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull)  # noqa: SIM115
    sys.stdout = sys.stderr
    return requests, replies


def _error_info(exc: BaseException, cell: str | None) -> dict[str, Any]:
    """Describe an exception from student code: type, message, line in the cell."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == f"<zelle {cell}>" or frame.filename.startswith("<zelle "):
            line = frame.lineno
    try:
        message = str(exc)
    except BaseException:  # a hostile __str__
        message = "<unlesbare Meldung>"
    return {
        "type": type(exc).__name__[:100],
        "message": message[:MAX_MESSAGE_CHARS],
        "line": line,
    }


class ForbiddenImport:
    """A meta-path finder that refuses the libraries this task forbids, with a clear message.

    The libraries' files are not even mounted; this only turns the failure into a readable
    ImportError instead of an empty namespace package.
    """

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname.split(".")[0] in self.names:
            raise ImportError(
                f"{fullname} ist in dieser Aufgabe nicht erlaubt (not allowed in this task)"
            )


def _forbid_imports() -> None:
    names = [n for n in os.environ.get("AUTOGRADER_FORBID", "").split(",") if n]
    if names:
        aliases = {"torch": ["torch", "functorch", "torchgen"]}
        sys.meta_path.insert(0, ForbiddenImport([a for n in names for a in aliases.get(n, [n])]))


def limit_gpu(fraction: str, torch: Any) -> None:
    """A GPU worker (``--device cuda``), before any student code: at most ``fraction`` of the
    GPU's memory for torch's allocator, TF32 off and deterministic cuDNN, as for the references.
    Student code can undo this; the trusted side's NVML watchdog it cannot."""
    if not torch.cuda.is_available():
        raise RuntimeError("the worker was given a GPU, but torch sees no CUDA device")
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    torch.cuda.set_per_process_memory_fraction(float(fraction), 0)


def _limit_gpu() -> None:
    fraction = os.environ.get("AUTOGRADER_GPU_MEMORY_FRACTION")
    if fraction:
        import torch

        limit_gpu(fraction, torch)


class Worker:
    def __init__(self) -> None:
        self.namespace = types.ModuleType("__main__").__dict__
        self.namespace["__builtins__"] = __builtins__

    def exec_cell(self, cell: str, source: str) -> dict[str, Any]:
        try:
            code = compile(source, f"<zelle {cell}>", "exec")
            exec(code, self.namespace)
        except BaseException as exc:  # SystemExit, KeyboardInterrupt: the cell failed
            return {"ok": False, "error": _error_info(exc, cell)}
        return {"ok": True}

    def call(self, name: str, args: Any, kwargs: Any) -> tuple[dict[str, Any], list[Any]]:
        function = self.namespace.get(name)
        if not callable(function):
            return {"ok": False, "kind": "missing"}, []
        try:
            value = function(*args, **kwargs)
        except BaseException as exc:
            return {"ok": False, "kind": "exception", "error": _error_info(exc, None)}, []
        return self.reply_value(value)

    def get(self, name: str) -> tuple[dict[str, Any], list[Any]]:
        """A variable of the student's namespace (a quiz answer); functions are not variables."""
        if name not in self.namespace or callable(self.namespace[name]):
            return {"ok": False, "kind": "missing"}, []
        return self.reply_value(self.namespace[name])

    def reply_value(self, value: Any) -> tuple[dict[str, Any], list[Any]]:
        arrays: list[Any] = []
        try:
            encoded = codec.encode_value(value, arrays)
        except codec.UnsupportedValue as exc:
            return {"ok": False, "kind": "unsupported", "type": exc.type_name[:200]}, []
        except BaseException as exc:
            return {"ok": False, "kind": "unsupported", "type": type(exc).__name__[:200]}, []
        return {"ok": True, "value": encoded}, arrays

    def handle(self, header: dict[str, Any], arrays: list[Any]) -> tuple[dict[str, Any], list]:
        op = header.get("op")
        if op == "exec":
            return self.exec_cell(str(header["cell"]), str(header["source"])), []
        if op == "call":
            args = codec.decode_value(header["args"], arrays)
            kwargs = codec.decode_value(header["kwargs"], arrays)
            return self.call(str(header["name"]), args, kwargs)
        if op == "get":
            return self.get(str(header["name"]))
        if op == "ping":
            return {"ok": True}, []
        return {"ok": False, "kind": "protocol", "error": {"message": f"unknown op {op!r}"}}, []


def main() -> None:
    requests, replies = _take_protocol_streams()
    _forbid_imports()
    _limit_gpu()
    worker = Worker()
    while True:
        try:
            header, arrays = codec.read_message(requests)
        except EOFError:
            return
        reply, out_arrays = worker.handle(header, arrays)
        reply["id"] = header.get("id")
        try:
            frame = codec.pack_message(reply, out_arrays)
        except codec.UnsupportedValue as exc:
            reply = {
                "ok": False,
                "kind": "unsupported",
                "type": exc.type_name,
                "id": header.get("id"),
            }
            frame = codec.pack_message(reply, [])
        replies.write(frame)
        replies.flush()


if __name__ == "__main__":
    main()
