"""Reading a worker's pipe against a deadline: what was asked, never more, or a clear error."""

import contextlib
import os
import threading

import pytest

from autograder.sandbox.channel import Deadline, DeadlineReader, DeadlineWriter, PipeClosed


@pytest.fixture
def pipe():  # type: ignore[no-untyped-def]
    read_end, write_end = os.pipe()
    yield read_end, write_end
    for fd in (read_end, write_end):
        with contextlib.suppress(OSError):
            os.close(fd)


def test_reads_at_most_what_is_asked_and_leaves_the_rest_in_the_pipe(pipe):
    read_end, write_end = pipe
    os.write(write_end, b"frame one|frame two")
    reader = DeadlineReader(read_end, Deadline(10))
    assert reader.read(10) == b"frame one|"
    assert os.read(read_end, 100) == b"frame two"  # the next frame was not swallowed


def test_a_silent_writer_runs_into_the_deadline(pipe):
    read_end, _ = pipe
    with pytest.raises(TimeoutError):
        DeadlineReader(read_end, Deadline(0.05)).read(4)
    with pytest.raises(TimeoutError):
        DeadlineReader(read_end, Deadline(-1)).read(4)


def test_a_closed_writer_is_pipe_closed_after_the_last_bytes(pipe):
    read_end, write_end = pipe
    os.write(write_end, b"ab")
    os.close(write_end)
    reader = DeadlineReader(read_end, Deadline(10))
    assert reader.read(4) == b"ab"
    with pytest.raises(PipeClosed):
        reader.read(4)


def test_writing_to_a_reader_that_does_not_read_runs_into_the_deadline(pipe):
    _, write_end = pipe
    with pytest.raises(TimeoutError):
        DeadlineWriter(write_end).write_all(b"x" * (4 << 20), Deadline(0.05))  # > a pipe


def test_writing_to_a_closed_reader_is_pipe_closed(pipe):
    read_end, write_end = pipe
    os.close(read_end)
    with pytest.raises(PipeClosed):
        DeadlineWriter(write_end).write_all(b"frame", Deadline(10))


def test_a_reader_serves_request_after_request_each_against_its_own_deadline(pipe):
    read_end, write_end = pipe
    reader = DeadlineReader(read_end, Deadline(10))
    os.write(write_end, b"one")
    assert reader.read(3) == b"one"
    reader.deadline = Deadline(0.05)
    with pytest.raises(TimeoutError):  # nothing more came: the new deadline holds
        reader.read(3)
    reader.deadline = Deadline(10)
    os.write(write_end, b"two")
    assert reader.read(3) == b"two"


def test_a_frame_larger_than_the_pipe_is_written_while_the_worker_reads_it(pipe):
    read_end, write_end = pipe
    frame = bytes(range(256)) * (1 << 12)  # 1 MiB: the writer must wait for room many times
    received = bytearray()

    def drain() -> None:
        while len(received) < len(frame):
            received.extend(os.read(read_end, 1 << 16))

    thread = threading.Thread(target=drain)
    thread.start()
    DeadlineWriter(write_end).write_all(frame, Deadline(10))
    thread.join(10)
    assert bytes(received) == frame
