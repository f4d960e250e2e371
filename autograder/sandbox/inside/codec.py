"""Wire format between the trusted grader and the sandboxed worker.

This file is mounted read-only into the sandbox, so it imports only the standard library
and numpy (torch lazily, where present). Nothing here ever unpickles: a message is one
frame holding a JSON header, followed by raw ``.npy`` frames for the arrays it refers to.

Frame layout::

    b"AGW1" | u32 big-endian JSON length | JSON bytes | u32 array count |
    (u64 big-endian .npy length | .npy bytes) * count

Values inside the JSON are plain JSON scalars and lists, or tagged objects:
``{"$tuple": [...]}``, ``{"$dict": [[key, value], ...]}`` (string keys), ``{"$set": [...]}``
(sets and frozensets of str/int/float/bool, e.g. a quiz answer ``{"a", "c"}``),
``{"$frac": [numerator, denominator]}`` (an exact ``fractions.Fraction``: two JSON integers of at
most ``MAX_INT_BITS`` bits, denominator positive) and
``{"$nd": i, "kind": "array" | "scalar" | "tensor"}`` for the i-th array frame.

Decoding validates everything before it allocates: header size, dtype whitelist, shape,
element count and the exact byte length of each array.

The ``.npy`` headers are written here directly (version 1.0, as numpy writes them) and a header
of exactly that form is read with one regular expression; any other header is left to numpy's
own (slower, ``ast``-based) reader, never to pickle. numpy's format module costs tens of
microseconds per small array, and a grading sends thousands of them.
"""

from __future__ import annotations

import io
import json
import re
import struct
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, BinaryIO

import numpy as np

MAGIC = b"AGW1"
MAX_INT_BITS = 4096  # numerator and denominator of a Fraction (about 1233 decimal digits)
ALLOWED_DTYPES = frozenset(
    np.dtype(code).str
    for code in ("?", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8", "c8", "c16")
)


@dataclass(frozen=True)
class WireLimits:
    """Upper bounds for one decoded message."""

    max_json_bytes: int = 8 << 20
    max_arrays: int = 4096
    max_array_bytes: int = 256 << 20
    max_total_bytes: int = 512 << 20
    max_ndim: int = 8
    max_depth: int = 32
    max_items: int = 100_000


class ProtocolError(Exception):
    """A frame or value that violates the wire format (never trusted, never half-decoded)."""


class UnsupportedValue(Exception):
    """A value that cannot cross the boundary (e.g. a custom object)."""

    def __init__(self, type_name: str) -> None:
        super().__init__(type_name)
        self.type_name = type_name


# ---------------------------------------------------------------- encoding


def _is_tensor(value: Any) -> bool:
    cls = type(value)
    return cls.__module__.startswith("torch") and cls.__name__ in {"Tensor", "Parameter"}


def _tensor_to_numpy(value: Any) -> np.ndarray:
    return np.array(value.detach().cpu().resolve_conj().resolve_neg().numpy(), copy=True)


SET_ITEM_TYPES = (str, int, float, bool)


def encode_value(value: Any, arrays: list[np.ndarray], depth: int = 0) -> Any:
    """Turn a value into JSON-able data, appending its arrays to ``arrays``."""
    if depth > WireLimits.max_depth:
        raise UnsupportedValue("zu tief verschachtelt")
    cls = type(value)
    if value is None or cls in (bool, str):
        return value
    if cls is int:
        return value
    if cls is float:
        return value
    if cls is Fraction:
        return _encode_fraction(value)
    if isinstance(value, np.ndarray):
        arrays.append(np.array(value, copy=True, subok=False))
        return {"$nd": len(arrays) - 1, "kind": "array"}
    if isinstance(value, np.generic):
        return _encode_numpy_scalar(value, arrays)
    if _is_tensor(value):
        arrays.append(_tensor_to_numpy(value))
        return {"$nd": len(arrays) - 1, "kind": "tensor"}
    if cls is list:
        return [encode_value(item, arrays, depth + 1) for item in value]
    if cls is tuple:
        return {"$tuple": [encode_value(item, arrays, depth + 1) for item in value]}
    if cls is dict:
        items = []
        for key, item in value.items():
            if type(key) is not str:
                raise UnsupportedValue("dict mit Nicht-String-Schlüssel")
            items.append([key, encode_value(item, arrays, depth + 1)])
        return {"$dict": items}
    if cls in (set, frozenset):
        if not all(type(item) in SET_ITEM_TYPES for item in value):
            raise UnsupportedValue("Menge mit anderen Elementen als str/int/float/bool")
        return {"$set": sorted(value, key=repr)}
    raise UnsupportedValue(f"{cls.__module__}.{cls.__qualname__}")


def _encode_fraction(value: Fraction) -> dict[str, list[int]]:
    numerator, denominator = int(value.numerator), int(value.denominator)
    if max(numerator.bit_length(), denominator.bit_length()) > MAX_INT_BITS:
        raise UnsupportedValue(f"Bruch mit mehr als {MAX_INT_BITS} Bit in Zähler oder Nenner")
    return {"$frac": [numerator, denominator]}


def _encode_numpy_scalar(value: np.generic, arrays: list[np.ndarray]) -> Any:
    """Real numpy scalars travel inline as JSON with their dtype; others as 0-d arrays."""
    dtype = value.dtype
    if dtype.str in ALLOWED_DTYPES and dtype.kind in "biuf":
        number = (
            bool(value)
            if dtype.kind == "b"
            else (int(value) if dtype.kind in "iu" else float(value))
        )
        return {"$np": dtype.str, "v": number}
    arrays.append(np.array(value, copy=True, subok=False))
    return {"$nd": len(arrays) - 1, "kind": "scalar"}


NPY_MAGIC_1_0 = b"\x93NUMPY\x01\x00"
NPY_ALIGN = 64  # numpy pads its headers so that the data starts aligned
MAX_NPY_HEADER = 4096


def _npy_bytes(array: np.ndarray) -> bytes:
    if array.dtype.str not in ALLOWED_DTYPES:
        raise UnsupportedValue(f"numpy-Array mit dtype {array.dtype}")
    return _npy_header(array.dtype.str, array.shape) + array.tobytes(order="C")


def _npy_header(descr: str, shape: tuple[int, ...]) -> bytes:
    """A version 1.0 ``.npy`` header of a C-ordered array, as ``np.lib.format`` writes it."""
    text = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape!r}, }}".encode()
    padding = -(len(NPY_MAGIC_1_0) + 2 + len(text) + 1) % NPY_ALIGN
    body = text + b" " * padding + b"\n"
    return NPY_MAGIC_1_0 + struct.pack("<H", len(body)) + body


def pack_message(header: dict[str, Any], arrays: list[np.ndarray]) -> bytes:
    """Serialize a header (already encoded) and its arrays into one frame."""
    body = json.dumps(header, allow_nan=True).encode("utf-8")
    parts = [MAGIC, struct.pack(">I", len(body)), body, struct.pack(">I", len(arrays))]
    for array in arrays:
        blob = _npy_bytes(array)
        parts.append(struct.pack(">Q", len(blob)))
        parts.append(blob)
    return b"".join(parts)


# ---------------------------------------------------------------- decoding


_DIMENSION = rb"(?:0|[1-9][0-9]{0,18})"  # a plain decimal, as repr writes it
_SHAPE = rb"|%s,|(?:%s, )+%s" % (_DIMENSION, _DIMENSION, _DIMENSION)  # (), (n,), (n, m, ...)
_CANONICAL_HEADER = re.compile(
    rb"\{'descr': '([^']{1,8})', 'fortran_order': (False|True), 'shape': \((%s)\), \} *\n" % _SHAPE
)
_ALLOWED_BY_DESCR = {code.encode(): np.dtype(code) for code in ALLOWED_DTYPES}


@dataclass(frozen=True)
class NpyHeader:
    shape: tuple[int, ...]
    fortran: bool
    dtype: np.dtype[Any]
    data_start: int


def parse_npy(blob: bytes, limits: WireLimits) -> np.ndarray:
    """Validate a raw .npy blob completely, then read it without pickle."""
    header = _canonical_header(blob) or _numpy_header(blob)
    shape, dtype = header.shape, header.dtype
    if dtype.str not in ALLOWED_DTYPES or dtype.hasobject:
        raise ProtocolError(f"dtype {dtype!r} not allowed")
    if len(shape) > limits.max_ndim or any((type(n) is not int) or n < 0 for n in shape):
        raise ProtocolError(f"bad shape {shape!r}")
    count = 1
    for n in shape:
        count *= n
    payload = blob[header.data_start :]
    if count * dtype.itemsize != len(payload):
        raise ProtocolError("array byte length does not match its header")
    flat = np.frombuffer(payload, dtype=dtype, count=count)
    return flat.reshape(shape, order="F" if header.fortran else "C").copy()


def _canonical_header(blob: bytes) -> NpyHeader | None:
    """A version 1.0 header in exactly the form numpy writes (one allowed dtype, a tuple of
    plain decimal dimensions), read by a regular expression; None for anything else."""
    if not blob.startswith(NPY_MAGIC_1_0) or len(blob) < len(NPY_MAGIC_1_0) + 2:
        return None
    (length,) = struct.unpack_from("<H", blob, len(NPY_MAGIC_1_0))
    start = len(NPY_MAGIC_1_0) + 2
    if length > MAX_NPY_HEADER or len(blob) < start + length:
        return None
    match = _CANONICAL_HEADER.fullmatch(blob, start, start + length)
    dtype = _ALLOWED_BY_DESCR.get(match[1]) if match else None
    if match is None or dtype is None:
        return None
    shape = tuple(int(n) for n in match[3].replace(b",", b" ").split())
    return NpyHeader(shape, match[2] == b"True", dtype, start + length)


def _numpy_header(blob: bytes) -> NpyHeader:
    """Any other header, read by numpy's own reader (``ast.literal_eval``, no pickle)."""
    stream = io.BytesIO(blob)
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(
                stream, max_header_size=MAX_NPY_HEADER
            )
        elif version in ((2, 0), (3, 0)):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(
                stream, max_header_size=MAX_NPY_HEADER
            )
        else:
            raise ProtocolError(f"unknown .npy version {version}")
    except ProtocolError:
        raise
    except Exception as exc:  # numpy raises ValueError/SyntaxError on bad headers
        raise ProtocolError(f"bad .npy header: {exc}") from None
    return NpyHeader(shape, fortran, dtype, stream.tell())


def _decode(node: Any, arrays: list[np.ndarray], budget: list[int], depth: int) -> Any:
    budget[0] -= 1
    if budget[0] < 0 or depth > WireLimits.max_depth:
        raise ProtocolError("value too large or too deeply nested")
    if node is None or type(node) in (bool, int, float, str):
        return node
    if type(node) is list:
        return [_decode(item, arrays, budget, depth + 1) for item in node]
    if type(node) is dict:
        if set(node) == {"$tuple"} and type(node["$tuple"]) is list:
            return tuple(_decode(item, arrays, budget, depth + 1) for item in node["$tuple"])
        if set(node) == {"$dict"} and type(node["$dict"]) is list:
            result = {}
            for pair in node["$dict"]:
                if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                    raise ProtocolError("bad dict entry")
                result[pair[0]] = _decode(pair[1], arrays, budget, depth + 1)
            return result
        if set(node) == {"$set"} and type(node["$set"]) is list:
            if not all(type(item) in SET_ITEM_TYPES for item in node["$set"]):
                raise ProtocolError("bad set item")
            budget[0] -= len(node["$set"])
            return set(node["$set"])
        if set(node) == {"$frac"} and type(node["$frac"]) is list:
            return _fraction(node["$frac"])
        if set(node) == {"$nd", "kind"} and type(node["$nd"]) is int:
            return _array_reference(node, arrays)
        if set(node) == {"$np", "v"} and node["$np"] in ALLOWED_DTYPES:
            return _inline_scalar(node["$np"], node["v"])
    raise ProtocolError("unknown value tag")


def _fraction(pair: list[Any]) -> Fraction:
    """An exact rational from two bounded JSON integers (never bools, floats or strings)."""
    if len(pair) != 2 or any(type(n) is not int for n in pair) or pair[1] <= 0:
        raise ProtocolError("bad fraction")
    if max(pair[0].bit_length(), pair[1].bit_length()) > MAX_INT_BITS:
        raise ProtocolError("fraction too large")
    return Fraction(pair[0], pair[1])


def _array_reference(node: dict[str, Any], arrays: list[np.ndarray]) -> Any:
    index = node["$nd"]
    if not 0 <= index < len(arrays):
        raise ProtocolError("array index out of range")
    array = arrays[index]
    kind = node["kind"]
    if kind == "array":
        return array
    if kind == "scalar":
        if array.ndim != 0:
            raise ProtocolError("scalar with a shape")
        return array[()]
    if kind == "tensor":
        return TensorValue(array)
    raise ProtocolError("unknown array kind")


def _inline_scalar(dtype_str: str, value: Any) -> Any:
    dtype = np.dtype(dtype_str)
    if dtype.kind not in "biuf" or type(value) not in (bool, int, float):
        raise ProtocolError("bad inline scalar")
    try:
        return dtype.type(value)
    except (OverflowError, ValueError):
        raise ProtocolError("inline scalar out of range") from None


@dataclass(frozen=True)
class TensorValue:
    """A torch tensor that crossed the boundary, kept as its numpy data."""

    array: np.ndarray


def decode_value(node: Any, arrays: list[np.ndarray], limits: WireLimits = WireLimits()) -> Any:
    """Rebuild a value from its JSON form and the already validated arrays."""
    return _decode(node, arrays, [limits.max_items], 0)


def _read_exact(stream: BinaryIO, size: int) -> bytes:
    chunks = []
    remaining = size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            raise EOFError("stream closed mid-frame")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_message(
    stream: BinaryIO, limits: WireLimits = WireLimits()
) -> tuple[dict[str, Any], list[np.ndarray]]:
    """Read one frame from a binary stream, never past its end: the magic and the header's
    length in one read, the header and the array count in the next, then each array's length
    and its bytes."""
    start = _read_exact(stream, 8)
    if start[:4] != MAGIC:
        raise ProtocolError("bad frame magic")
    (json_len,) = struct.unpack_from(">I", start, 4)
    if json_len > limits.max_json_bytes:
        raise ProtocolError("header too large")
    body = _read_exact(stream, json_len + 4)
    header = parse_header(body[:json_len])
    (count,) = struct.unpack_from(">I", body, json_len)
    if count > limits.max_arrays:
        raise ProtocolError("too many arrays")
    arrays = []
    for _ in range(count):
        (size,) = struct.unpack(">Q", _read_exact(stream, 8))
        if size > limits.max_array_bytes:
            raise ProtocolError("array too large")
        arrays.append(parse_npy(_read_exact(stream, size), limits))
    return header, arrays


def parse_header(raw: bytes) -> dict[str, Any]:
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ProtocolError(f"bad JSON header: {exc}") from None
    if type(header) is not dict:
        raise ProtocolError("header is not an object")
    return header
