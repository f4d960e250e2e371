"""The wire format: round trips, and hostile frames rejected before anything is allocated."""

import io
import struct
from fractions import Fraction

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
        codec.parse_npy(npy_with_header(header) + payload, codec.WireLimits())


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


def test_fractions_and_big_ints_cross_exactly():
    value = [Fraction(1, 3), Fraction(-7, 2), Fraction(5), 2**200, Fraction(2**4000, 3**2000)]
    back = roundtrip(value)
    assert back == value and all(type(b) is type(v) for b, v in zip(back, value))
    assert roundtrip((Fraction(0),)) == (Fraction(0),)


def test_fractions_beyond_the_size_limit_do_not_cross():
    with pytest.raises(codec.UnsupportedValue, match="Bit"):
        codec.encode_value(Fraction(2**codec.MAX_INT_BITS, 3), [])
    with pytest.raises(codec.UnsupportedValue):
        codec.encode_value(Fraction(1, 3**3000), [])

    class Sneaky(Fraction):  # a subclass could compare equal to anything
        pass

    with pytest.raises(codec.UnsupportedValue):
        codec.encode_value(Sneaky(1, 2), [])


@pytest.mark.parametrize(
    "node",
    [
        {"$frac": [1, 0]},  # division by zero
        {"$frac": [1, -2]},  # the sign belongs to the numerator
        {"$frac": [1]},
        {"$frac": [1, 2, 3]},
        {"$frac": [1.5, 2]},
        {"$frac": [True, 2]},
        {"$frac": ["1", "2"]},
        {"$frac": [[1], 2]},
        {"$frac": [2**codec.MAX_INT_BITS, 1]},
        {"$frac": [1, 2**codec.MAX_INT_BITS]},
        {"$frac": [1, 2], "extra": 0},
        {"$frac": {"n": 1, "d": 2}},
    ],
)
def test_forged_fraction_frames_are_rejected(node):
    with pytest.raises(codec.ProtocolError):
        codec.decode_value(node, [])


def test_a_forged_huge_fraction_in_a_frame_is_rejected_before_use():
    body = b'{"value": {"$frac": [1, ' + b"9" * 4000 + b"]}}"
    frame = codec.MAGIC + struct.pack(">I", len(body)) + body + struct.pack(">I", 0)
    header, arrays = codec.read_message(io.BytesIO(frame))
    with pytest.raises(codec.ProtocolError):
        codec.decode_value(header["value"], arrays)


ALL_ALLOWED = sorted(codec.ALLOWED_DTYPES)
SHAPES = [(), (0,), (5,), (2, 3), (1, 0, 4), (2, 1, 1, 3)]


@pytest.mark.parametrize("dtype", ALL_ALLOWED)
def test_our_npy_bytes_are_read_by_numpy_and_by_the_fast_reader(dtype):
    rng = np.random.default_rng(5)
    for shape in SHAPES:
        array = rng.integers(0, 100, size=shape).astype(dtype)
        blob = codec._npy_bytes(array)
        assert blob[8 + 2 + struct.unpack_from("<H", blob, 8)[0] - 1 :][:1] == b"\n"
        assert (len(blob) - array.nbytes) % 64 == 0  # the data starts aligned, as numpy's
        by_numpy = np.load(io.BytesIO(blob), allow_pickle=False)
        assert by_numpy.dtype == array.dtype and by_numpy.shape == shape
        np.testing.assert_array_equal(by_numpy, array)
        assert codec._canonical_header(blob) is not None  # the fast path reads it
        back = codec.parse_npy(blob, codec.WireLimits())
        assert back.dtype == array.dtype and back.flags.writeable
        np.testing.assert_array_equal(back, array)


@pytest.mark.parametrize("dtype", ALL_ALLOWED)
@pytest.mark.parametrize("fortran", [False, True])
def test_the_fast_reader_agrees_with_numpy_on_numpy_written_headers(dtype, fortran):
    for shape in SHAPES:
        array = np.zeros(shape, dtype=dtype, order="F" if fortran else "C")
        buffer = io.BytesIO()
        np.lib.format.write_array(buffer, array, allow_pickle=False)
        blob = buffer.getvalue()
        fast = codec._canonical_header(blob)
        assert fast is not None and fast == codec._numpy_header(blob)


@pytest.mark.parametrize(
    "header, payload",
    [
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", b"\0" * 8),  # no newline
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (01,), }\n", b"\0" * 8),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3,), }\n", b"\0" * 48),
        ("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }\n", b"\0" * 8),
        ("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }\n", b"\0" * 8),
        ("{'descr': '<f8', 'shape': (1,), 'fortran_order': False, }\n", b"\0" * 8),
        ("{'descr':'<f8', 'fortran_order': False, 'shape': (1,), }\n", b"\0" * 8),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (" + "9" * 25 + ",), }\n", b""),
    ],
)
def test_headers_not_in_numpys_own_form_are_left_to_numpy(header, payload):
    raw = header.encode()
    blob = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(raw)) + raw + payload
    assert codec._canonical_header(blob) is None
    try:
        expected = codec._numpy_header(blob)
    except codec.ProtocolError:
        expected = None
    if expected is None:
        with pytest.raises(codec.ProtocolError):
            codec.parse_npy(blob, codec.WireLimits())


@pytest.mark.parametrize(
    "header, payload",
    [
        # each payload has the length that the header would have if it were read leniently
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (5), }", b"\0" * 40),  # int, no tuple
        ("{'descr': '<f16', 'fortran_order': False, 'shape': (1,), }", b"\0" * 16),
        ("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", b"\0" * 8),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", b"\0" * 8),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1, 1, 1, 1, 1, 1, 1), }",
            b"\0" * 8,
        ),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1, }", b"\0" * 8),
    ],
)
def test_canonical_looking_hostile_headers_are_refused(header, payload):
    with pytest.raises(codec.ProtocolError):
        codec.parse_npy(npy_with_header(header) + payload, codec.WireLimits())


def test_a_header_longer_than_its_blob_is_refused():
    blob = npy_with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }")
    claims_more = blob[:8] + struct.pack("<H", len(blob) + 10) + blob[10:]
    assert codec._canonical_header(claims_more) is None
    with pytest.raises(codec.ProtocolError):
        codec.parse_npy(claims_more, codec.WireLimits())
