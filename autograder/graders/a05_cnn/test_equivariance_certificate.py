"""equivariance_certificate(): a conv example of Conv(T_t X) = T_t Conv(X) and a max-pooling
example that breaks it, chosen by the student and checked with the reference (shifts.py)."""

from autograder.authoring import Task
from autograder.graders.a05_cnn.shifts import (
    assert_conv_example,
    assert_pool_example,
    content_lost,
    pool_shift_multiple_of_stride,
    zero_shift,
)

task = Task("equivariance_certificate")


@task.test()
def test_conv_is_equivariant_on_the_example(student, reference):
    assert_conv_example(student.equivariance_certificate(), reference.conv2d_forward)


@task.test()
def test_pooling_breaks_equivariance_on_the_example(student, reference):
    assert_pool_example(
        student.equivariance_certificate(), reference.maxpool_forward, reference.POOL_SIZE
    )


task.mistake(
    "zero_shift",
    "Verschiebung um (0, 0): das zeigt nichts",
    "a shift by (0, 0): that shows nothing",
    ('"shift": (2, 1)', '"shift": (0, 0)'),
    matcher=zero_shift,
)
task.mistake(
    "content_over_the_border",
    "Bild ohne Rand aus Nullen: die Verschiebung schiebt Inhalt über den Rand",
    "image without a border of zeros: the shift pushes content over the edge",
    ('"shift": (2, 1)', '"shift": (5, 1)'),
    matcher=content_lost,
)
task.mistake(
    "pool_shift_multiple_of_stride",
    "Pooling-Verschiebung ein Vielfaches der Schrittweite 2 (dann bleibt Max-Pooling äquivariant)",
    "pooling shift a multiple of the stride 2 (max-pooling stays equivariant then)",
    ('"shift_pool": (0, 1)', '"shift_pool": (0, 2)'),
    matcher=pool_shift_multiple_of_stride,
)
