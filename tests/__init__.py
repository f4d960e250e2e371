import os

# Two xdist workers on CI's two cores: one torch/BLAS thread each, as in the sandbox's workers
# (torch's default of one thread per core oversubscribes them: a07's reference trains about ten
# times slower). Set here, before the conftest or any test imports numpy or torch; the
# subprocesses that tests start inherit it. The engine sets its own (tests/engine/test_threads.py).
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
