"""Benchmark: `autograder serve`, upload → feedback ready, warm and under load, for the embedded
mode and for Redis + Celery with two workers.

Run from the repository root after `make setup` (redis-server comes from scripts/setup.sh):
    .venv/bin/python benchmarks/serve_load.py [--warm 20] [--uploads 300] [--students 100]
Prints one JSON object per mode (see benchmarks/README.md for the last figures).

warm: one student uploads a01's partly wrong example again and again, one at a time; latency is
from the start of the POST until the status route answers "graded" (asked as the attempt page
asks: `?warten=25`, answered when the attempt is done; `--poll-ms 20`: polled every 20 ms, as
before the long poll) and the feedback page has come back (`--warm-only`: just this, for the
embedded mode unless --mode says otherwise), with the median of each phase (client clock and the
server's stamps); `--pause S`: the student reads each feedback page for S seconds before the
next upload (0: uploads back to back, the service never idle between them). The load average
before and after is printed with the figures.
load: `--uploads` uploads of a01's examples by `--students` students, evenly spread over
`--seconds`, each over HTTP from its own thread; latency is the server's own record (received →
graded); afterwards every upload must be stored and graded exactly once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.serve import conftest as harness  # noqa: E402  (the tests' service launcher)

NAMES = ["perfect.ipynb", "partly_wrong.ipynb", "stub.ipynb"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 3)


def warm_latency(
    service: harness.Running, student: str, count: int, poll_ms: int = 0, pause_s: float = 0.0
) -> tuple[list[float], dict]:
    """The latencies, and the median of each phase (client clock and the server's stamps)."""
    client = service.client(student)
    harness.wait_graded(
        client, harness.attempt_id(harness.upload(client, "partly_wrong.ipynb")), 300
    )  # warm-up
    latencies, phases = [], []
    for _ in range(count):
        time.sleep(pause_s)  # the student reads the feedback before the next upload
        started, wall = time.perf_counter(), time.time()
        public_id = harness.attempt_id(harness.upload(client, "partly_wrong.ipynb"))
        posted = time.time()
        while _status(client, public_id, poll_ms) in ("queued", "grading"):
            time.sleep(poll_ms / 1000)
        seen = time.time()
        page = client.get(f"/versuch/{public_id}")
        latencies.append(time.perf_counter() - started)
        assert "Rückmeldung zu" in page.text, page.text[:500]  # the feedback page, not the queue
        phases.append(_phases(service.course.store, public_id, wall, posted, seen, time.time()))
    return latencies, {name: percentile([p[name] for p in phases], 0.5) for name in phases[0]}


def _status(client, public_id: str, poll_ms: int) -> str:  # type: ignore[no-untyped-def]
    """The attempt's status: told when done, as the attempt page asks (``poll_ms`` 0), or at
    once, for a client that polls every ``poll_ms`` ms (this script before the long poll)."""
    wait = "?warten=25" if poll_ms == 0 else ""
    return client.get(f"/versuch/{public_id}/status{wait}").json()["status"]


def _phases(store, public_id: str, wall: float, posted: float, seen: float, paged: float) -> dict:  # type: ignore[no-untyped-def]
    from autograder.serve.store import uploads

    with store.engine.connect() as db:
        row = db.execute(uploads.select().where(uploads.c.public_id == public_id)).one()
    received, claimed, graded = (
        datetime.fromisoformat(stamp).timestamp()
        for stamp in (row.received_at, row.claimed_at, row.graded_at)
    )
    graded_in = json.loads(row.result)["duration_s"]
    return {
        "post_until_stored": received - wall,  # HTTP, form parsing, judging the notebook
        "post_answered": posted - wall,
        "stored_until_claimed": claimed - received,  # wake-up and claim of a grading process
        "claimed_until_graded": graded - claimed,
        "grade_one": graded_in,  # worker start + cells, hidden tests, diagnosis
        "claimed_until_graded_other": graded - claimed - graded_in,  # seed, files, JSON, commit
        "graded_until_seen": seen - graded,  # the client's status poll
        "feedback_page": paged - seen,  # GET, rendering the page
    }


def load_run(service: harness.Running, students: list[str], uploads: int, seconds: float) -> dict:
    clients = {s: service.client(s) for s in students}
    store = service.course.store
    before = {u.id for u in store.all_uploads()}
    errors: list[str] = []

    def one(index: int) -> None:
        student = students[index % len(students)]
        try:
            harness.attempt_id(harness.upload(clients[student], NAMES[index % len(NAMES)]))
        except Exception as exc:  # counted: a lost upload is a failure of the run
            errors.append(repr(exc))

    started = time.monotonic()
    threads = []
    for index in range(uploads):
        time.sleep(max(0.0, started + index * seconds / uploads - time.monotonic()))
        thread = threading.Thread(target=one, args=(index,))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    while True:
        rows = [u for u in store.all_uploads() if u.id not in before]
        if all(u.status not in ("queued", "grading") for u in rows):
            break
        time.sleep(0.2)
    finished = time.monotonic()
    latencies = [_seconds(u.received_at, _graded_at(store, u.id)) for u in rows]
    return {
        "uploads_sent": uploads,
        "stored": len(rows),
        "graded": sum(u.status == "graded" for u in rows),
        "graded_exactly_once": all(u.grade_count == 1 for u in rows),
        "errors": errors[:5],
        "p50_s": percentile(latencies, 0.5),
        "p95_s": percentile(latencies, 0.95),
        "throughput_per_s": round(len(rows) / (finished - started), 2),
        "wall_s": round(finished - started, 1),
    }


def _graded_at(store, upload_id: int) -> str:  # type: ignore[no-untyped-def]
    from autograder.serve.store import uploads

    with store.engine.connect() as db:
        return db.scalar(
            uploads.select().with_only_columns(uploads.c.graded_at).where(uploads.c.id == upload_id)
        )


def _seconds(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def run_mode(mode: str, args: argparse.Namespace, tmp: Path) -> dict:
    students = [f"s{n:03d}" for n in range(args.students)]
    serve: dict[str, object] = {"attempts_per_hour": 100000, "workers": 2}
    helpers: list[subprocess.Popen[bytes]] = []
    if mode == "celery":
        port = harness.free_port()
        helpers.append(
            subprocess.Popen(
                ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
                cwd=tmp,
                stdout=subprocess.DEVNULL,
            )
        )
        serve.update(queue="celery", broker=f"redis://127.0.0.1:{port}/0")
    course = harness.make_course(tmp / mode, students, **serve)
    command = [sys.executable, "-m", "autograder", "serve", "worker", "--course", str(course.root)]
    if mode == "celery":
        helpers += [
            subprocess.Popen(
                [*command, "--name", f"w{n}"], start_new_session=True, stderr=subprocess.DEVNULL
            )
            for n in (1, 2)
        ]
    service = harness.Running(course)
    try:
        load_before = os.getloadavg()
        warm, phases = warm_latency(service, students[0], args.warm, args.poll_ms, args.pause)
        figures = {
            "mode": mode,
            "warm_uploads": len(warm),
            "warm_p50_s": percentile(warm, 0.5),
            "warm_p95_s": percentile(warm, 0.95),
            "warm_poll": f"every {args.poll_ms} ms" if args.poll_ms else "told when done",
            "warm_pause_s": args.pause,
            "warm_phases_median_s": phases,
            "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        }
        if not args.warm_only:
            figures["load"] = load_run(service, students, args.uploads, args.seconds)
        return figures
    finally:
        service.stop()
        for helper in helpers:  # redis-server, then the workers with their pool processes
            if helper is helpers[0]:
                helper.kill()
            else:
                os.killpg(helper.pid, signal.SIGKILL)
            helper.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["embedded", "celery", "both"], default="both")
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--uploads", type=int, default=300)
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warm-only", action="store_true", help="only the warm latency")
    parser.add_argument(
        "--pause",
        type=float,
        default=0.0,
        help="warm: seconds between a feedback page and the next upload (0: at once)",
    )
    parser.add_argument(
        "--poll-ms",
        type=int,
        default=0,
        help="warm: poll the status every N ms instead of waiting to be told (0, as the page)",
    )
    args = parser.parse_args()
    if args.warm_only and "--mode" not in sys.argv:
        args.mode = "embedded"
    if args.mode != "embedded" and not shutil.which("redis-server"):
        sys.exit("redis-server is missing: run scripts/setup.sh")
    modes = ["embedded", "celery"] if args.mode == "both" else [args.mode]
    with tempfile.TemporaryDirectory(prefix="ag-serve-bench-") as tmp:
        for mode in modes:
            print(json.dumps(run_mode(mode, args, Path(tmp))), flush=True)


if __name__ == "__main__":
    main()
