"""Whether an exam's results are published: ``<results>/exam_published.json``, written by
``autograder exam publish``. Until then no page shows points, answers, keys or hidden inputs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from autograder.results.atomic import write_json

MARKER = "exam_published.json"


def is_published(results: Path) -> bool:
    return (results / MARKER).is_file()


def mark_published(results: Path, aid: str) -> Path:
    path = results / MARKER
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    write_json(path, {"assignment": aid, "published_at": stamp})
    return path


def published_at(results: Path) -> str:
    try:
        return str(json.loads((results / MARKER).read_text())["published_at"])
    except (OSError, ValueError, KeyError):
        return ""
