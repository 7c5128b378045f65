"""Shared fixtures. The spaCy-backed pipeline is built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FLASHPOINT_SHARED", REPO.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared data folder not found at {SHARED} (set FLASHPOINT_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def pipeline():
    """The full standard pipeline (spaCy loaded once)."""
    from flashpoint.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def analyze(pipeline):
    """analyze(text, published=None, title=None) -> Doc, through clean + all stages."""
    from flashpoint.records import Item
    from flashpoint.stages.clean import clean_item

    def run(text: str, published: str | None = None, title: str | None = None):
        article = clean_item(Item(origin="test", text=text, published=published, title=title))
        assert not hasattr(article, "code"), f"cleaning skipped the text: {article}"
        return pipeline(article)

    return run


@pytest.fixture()
def tmp_db(tmp_path: Path) -> str:
    return str(tmp_path / "store.duckdb")


# ---- failure table (issue 9: tests/failures.py writes docs/failures.md) -------------------------
_ran_files: set[str] = set()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        _ran_files.add(Path(report.fspath).stem)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    import failures

    if failures.should_write(_ran_files, int(exitstatus)):
        failures.write()


# ---- end of failure table ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def stages():
    """The NLP and events stages, for the events tests (``events_support.run``)."""
    from flashpoint.stages.events import EventsStage
    from flashpoint.stages.nlp import NLPStage

    return NLPStage(), EventsStage()
