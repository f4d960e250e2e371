"""Where grading runs: ``--device cpu | cuda | auto``.

``cuda`` runs the references on GPU 0 with TF32 off and deterministic cuDNN (the tolerances are
those of the CPU) and gives every student's worker the same GPU (``autograder/sandbox/gpu.py``).
"""

from __future__ import annotations

from autograder.sandbox import gpu
from autograder.sandbox.gpu import GpuAccess


class DeviceUnavailable(ValueError):
    """The device asked for cannot be used here; the message says why and what to do."""


def choose_device(choice: str) -> tuple[str, GpuAccess | None]:
    """``auto`` → cuda when torch sees a GPU, else cpu; for cuda also the GPU the workers get."""
    if choice == "cpu":
        return "cpu", None
    import torch

    if not torch.cuda.is_available():
        if choice == "cuda":
            raise DeviceUnavailable(
                "--device cuda: torch sees no CUDA device (no GPU, no driver, or a CPU-only "
                "build of torch); grade with --device cpu"
            )
        return "cpu", None
    try:
        access = gpu.discover(0)
    except gpu.GpuUnavailable as exc:
        raise DeviceUnavailable(f"--device {choice}: {exc}") from None
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    return "cuda", access
