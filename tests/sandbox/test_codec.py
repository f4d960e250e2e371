"""The wire format: round trips, and hostile frames rejected before anything is allocated."""

import io
import struct

import numpy as np
import pytest

from autograder.sandbox.inside import codec


def roundtrip(value):
    arrays: list[np.ndarray] = []
    header = {"value": codec.encode_value(value, arrays)}
    frame = codec.pack_message(header, arrays)
    decoded_header, decoded_arrays = codec.read_message(io.BytesIO(frame))
    return codec.decode_value(decoded_header["value"], decoded_arrays)


def test_roundtrip_of_plain_data():
    value = (
        np.arange(6, dtype=np.float32).reshape(2, 3),
        [1, 2.5, None, "x"],
        {"k": np.int64(3)},
        True,
    )
    back = roundtrip(value)
    assert isinstance(back, tuple)
    np.testing.assert_array_equal(back[0], value[0])
    assert back[0].dtype == np.float32
    assert back[1] == [1, 2.5, None, "x"]
    assert back[2]["k"] == 3 and isinstance(back[2]["k"], np.int64)
    assert back[3] is True


def test_sets_of_scalars_roundtrip_and_other_sets_are_refused():
    assert roundtrip({"a", "c"}) == {"a", "c"}
    assert roundtrip(frozenset({1, 2.5})) == {1, 2.5}

    class Sneaky:
        def __hash__(self):
            return 0

    with pytest.raises(codec.UnsupportedValue):
        codec.encode_value({Sneaky()}, [])
    with pytest.raises(codec.ProtocolError):
        codec.decode_value({"$set": [["a"]]}, [])


def test_fortran_and_zero_dim_arrays():
    a = np.asfortranarray(np.arange(12.0).reshape(3, 4))
    np.testing.assert_array_equal(roundtrip(a), a)
    assert roundtrip(np.float64(2.5)) == 2.5


def test_custom_objects_do_not_cross():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

    with pytest.raises(codec.UnsupportedValue):
        codec.encode_value(AlwaysEqual(), [])
    arrays: list[np.ndarray] = []
    codec.encode_value(np.array([AlwaysEqual()], dtype=object), arrays)
    with pytest.raises(codec.UnsupportedValue):
        codec.pack_message({}, arrays)


def npy_with_header(header: str) -> bytes:
    raw = header.encode("latin1")
    pad = 64 - (10 + len(raw) + 1) % 64
    raw += b" " * pad + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(raw)) + raw


@pytest.mark.parametrize(
    "header, payload",
    [
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", b""),
        ("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", b"\0" * 8),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", b"\0" * 8),
        ("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", b"\0" * 8),
        ("__import__('os').system('true')", b""),
    ],
)
def test_hostile_npy_is_rejected(header, payload):
    with pytest.raises(codec.ProtocolError):
        codec.parse_npy(npy_with_header(header) + payload, codec.Limits())


def test_oversized_frames_are_rejected():
    frame = codec.MAGIC + struct.pack(">I", 1 << 30)
    with pytest.raises(codec.ProtocolError):
        codec.read_message(io.BytesIO(frame))
    with pytest.raises(codec.ProtocolError):
        codec.read_message(io.BytesIO(b"XXXX" + b"\0" * 10))


def test_unknown_tags_are_rejected():
    with pytest.raises(codec.ProtocolError):
        codec.decode_value({"$pickle": "gASV"}, [])
    with pytest.raises(codec.ProtocolError):
        codec.decode_value({"$nd": 3, "kind": "array"}, [])
