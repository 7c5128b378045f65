"""The failure table: every hostile input, crash or attack the tests try, and what happened.

Tests call :func:`record` with what they tried and the outcome they observed
(after asserting it). At the end of a full run with ``FLASHPOINT_WRITE_FAILURES=1``
the session hook in ``conftest.py`` calls :func:`write`, which regenerates
``docs/failures.md``; ordinary runs leave the file alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "failures.md"
ENV = "FLASHPOINT_WRITE_FAILURES"


@dataclass(frozen=True, order=True)
class Row:
    area: str
    failure: str
    how: str
    outcome: str
    test: str


_rows: dict[tuple[str, str], Row] = {}


def _current_test() -> str:
    """``tests/test_x.py::test_y`` of the running test (pytest sets PYTEST_CURRENT_TEST)."""
    current = os.environ.get("PYTEST_CURRENT_TEST", "")
    return current.rsplit(" ", 1)[0] if current else "?"


def record(area: str, failure: str, how: str, outcome: str, test: str | None = None) -> None:
    """Note one failure tried. ``area``: input, limits, crash, concurrency, api, load."""
    row = Row(area, failure, how, outcome, test or _current_test())
    _rows[(area, failure)] = row


def rows() -> list[Row]:
    return sorted(_rows.values())


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render(found: list[Row]) -> str:
    lines = [
        "# Failures tried",
        "",
        "Every hostile input, crash, concurrent access and attack that the test suite throws at",
        "flashpoint, and what happened. **Generated** by the tests that produce each row",
        f"(`{ENV}=1 .venv/bin/pytest`, see `tests/failures.py`); do not edit by hand.",
        "Limits are per document and configurable: `max_bytes` (input item), `max_chars` (clean text),",
        "`max_seconds` (time budget for cleaning and for the understanding stages; see `flashpoint/limits.py`).",
        "Coverage-guided fuzzing of the readers and cleaner, outside the suite:",
        "`python tests/test_fuzz.py --atheris -max_total_time=240` with atheris installed.",
        "",
        "| area | failure tried | input / how | what happened | test |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in found:
        lines.append(f"| {_cell(r.area)} | {_cell(r.failure)} | {_cell(r.how)} | {_cell(r.outcome)} | `{_cell(r.test)}` |")
    lines.append("")
    lines.append(f"{len(found)} failures tried, none crashed the process or lost a good document.")
    return "\n".join(lines) + "\n"


def write(path: Path = DOC) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(rows()), encoding="utf-8")
    return path


PRODUCERS = ("test_hostile", "test_fuzz", "test_crash", "test_concurrency", "test_security", "test_load")


def should_write(ran_files: set[str], exitstatus: int) -> bool:
    """Regenerate only when asked, after a green run that included every producing test file."""
    if os.environ.get(ENV) != "1" or exitstatus != 0:
        return False
    present = {p.stem for p in Path(__file__).parent.glob("test_*.py") if p.stem.startswith(PRODUCERS)}
    return bool(present) and present <= ran_files
