#!/usr/bin/env bash
# The GPU half of `autograder grade --device cuda`, on a machine with an NVIDIA GPU (CI never
# needs one): the `cuda` tests (a sandboxed worker sees its GPU, torch's memory fraction is in
# force, the NVML watchdog ends a worker past the limit, a04's examples score the same on GPU
# and CPU), then a04's perfect/partly_wrong/stub examples graded with --device cuda and with
# --device cpu, timed, with their scores compared. Prints one figure per line; < 8 minutes
# after setup.
#
#   benchmarks/gpu_check.sh
#   TORCH_CUDA_INDEX=https://download.pytorch.org/whl/cu128 benchmarks/gpu_check.sh
#
# Setup, where needed: `make setup` (no .venv yet), then the CUDA build of the same torch version
# (the project pins the CPU build) and nvidia-ml-py (the `gpu` extra) into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
py=.venv/bin/python
TORCH_CUDA_INDEX=${TORCH_CUDA_INDEX:-https://download.pytorch.org/whl/cu128}

[ -x "$py" ] || make setup
if ! "$py" -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  version=$("$py" -c 'import torch; print(torch.__version__.split("+")[0])')
  echo "gpu_check: installing torch $version for CUDA from $TORCH_CUDA_INDEX"
  "$py" -m pip uninstall -q -y torch
  "$py" -m pip install -q "torch==$version" --index-url "$TORCH_CUDA_INDEX"
fi
"$py" -c 'import pynvml' 2>/dev/null || "$py" -m pip install -q "nvidia-ml-py>=12.535"
"$py" -c 'import torch; p = torch.cuda.get_device_properties(0)
print(f"gpu: {p.name}, {p.total_memory / 2**30:.0f} GiB, torch {torch.__version__}")'
echo "setup_s: $((SECONDS - started))"

tests_started=$SECONDS
timeout 300 "$py" -m pytest -q -p no:cacheprovider -m cuda tests/sandbox/test_gpu_device.py
echo "cuda_tests_s: $((SECONDS - tests_started))"

export AUTOGRADER_SECRET_SEED=gpu-check-not-secret
out=$(mktemp -d /tmp/gpu-check-XXXXXX)
examples=(examples/a04_training/{perfect,partly_wrong,stub}.ipynb)
for device in cpu cuda; do
  t0=$EPOCHREALTIME
  timeout 150 .venv/bin/autograder grade a04_training "${examples[@]}" --device "$device" \
    --out "$out/$device" --force --quiet >/dev/null
  awk -v a="$t0" -v b="$EPOCHREALTIME" -v d="$device" 'BEGIN { printf "grade_a04_examples_%s_s: %.1f\n", d, b - a }'
done
"$py" - "$out" <<'PY'
import json, sys
from pathlib import Path

def scores(device):
    data = json.loads((Path(sys.argv[1]) / device / "results.json").read_text())
    return {
        s["student_id"]: {"total": s["score"], **{t["task_id"]: t["score"] for t in s["tasks"]}}
        for s in data["submissions"]
    }

cpu, cuda = scores("cpu"), scores("cuda")
print("scores_cpu:", {student: tasks["total"] for student, tasks in cpu.items()})
print("scores_cuda:", {student: tasks["total"] for student, tasks in cuda.items()})
print("same_scores_per_task:", cpu == cuda)
sys.exit(0 if cpu == cuda else 1)
PY
echo "total_s: $((SECONDS - started))"
