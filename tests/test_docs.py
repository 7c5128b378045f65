"""The project checked against itself: every CLI command has help and a README entry,
every stage a test, every doc the README points at exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flashpoint.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def commands() -> dict[str, object]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return dict(sub.choices)


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_has_help_and_a_readme_entry(name):
    sub = commands()[name]
    assert sub.format_help().strip(), name
    assert sub.description, f"{name} has no description"
    assert f"flashpoint {name}" in README, f"README has no entry for `flashpoint {name}`"


def test_every_stage_has_a_test_file():
    stages = [p.stem for p in (REPO / "src/flashpoint/stages").iterdir()
              if p.name != "__init__.py" and (p.suffix == ".py" or p.is_dir()) and not p.name.startswith("__")]
    tests = {p.stem for p in (REPO / "tests").glob("test_*.py")}
    for stage in stages:
        assert any(t == f"test_{stage}" or t.startswith(f"test_{stage}_") for t in tests), stage


def test_docs_linked_from_the_readme_exist():
    for link in re.findall(r"\(docs/([\w.-]+\.md)\)", README):
        assert (REPO / "docs" / link).is_file(), link
    for doc in (REPO / "docs").glob("*.md"):
        assert f"docs/{doc.name}" in README, f"README does not link docs/{doc.name}"
