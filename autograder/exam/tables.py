"""The instructors' report files of an exam: one CSV and one HTML page per report."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from autograder.results.atomic import write_text

environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def records_csv(
    kind: type, rows: Iterable[Any], formats: Mapping[str, Callable[[Any], str]] | None = None
) -> str:
    """CSV of dataclass rows of ``kind``: a column per field, headed by its name, its values
    written by ``formats[name]`` where given (a number's digits), else as they are."""
    names = [f.name for f in dataclasses.fields(kind)]
    written = formats or {}
    return csv_text(
        names, ([written.get(n, _as_is)(getattr(row, n)) for n in names] for row in rows)
    )


def _as_is(value: Any) -> Any:
    return value


def write_report(out: Path, name: str, csv_content: str, **page: Any) -> list[Path]:
    """``<name>.csv`` and ``<name>.html`` (from ``templates/<name>.html.j2`` with ``page``)."""
    csv_path, html_path = out / f"{name}.csv", out / f"{name}.html"
    write_text(csv_path, csv_content)
    write_text(html_path, environment.get_template(f"{name}.html.j2").render(**page))
    return [csv_path, html_path]
