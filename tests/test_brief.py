"""The brief: JSON keys and citations, Markdown, and HTML that escapes hostile article text."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from flashpoint.config import Settings
from flashpoint.errors import InputError, StoreError
from flashpoint.report.brief import build_brief, render_brief
from flashpoint.store import db

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("incident_testset_brief", REPO / "tests/data/incidents/testset.py")
testset = importlib.util.module_from_spec(_spec)
sys.modules["incident_testset_brief"] = testset
_spec.loader.exec_module(testset)


@pytest.fixture()
def store(tmp_db: str) -> str:
    testset.write_store(tmp_db)
    return tmp_db


def _all_cites(value, out):
    if isinstance(value, dict):
        if "cites" in value:
            out.append(value["cites"])
        for v in value.values():
            _all_cites(v, out)
    elif isinstance(value, list):
        for v in value:
            _all_cites(v, out)
    return out


def test_json_brief_has_the_required_keys_and_citations(store: str) -> None:
    brief = json.loads(render_brief(Settings(db=store), actors=None, since=None, fmt="json"))
    for key in ("actors", "dyads", "triads", "timeline", "alerts", "incidents", "forces", "scenarios", "tension", "documents"):
        assert key in brief, key
    assert all({"actors", "balance", "tension"} <= set(d) for d in brief["dyads"])
    assert {d["dyad"] for d in brief["dyads"]} == {"ARM-AZE", "AZE-IRN", "ARM-IRN", "AZE-ISR", "AZE-TUR"}
    (triangle,) = brief["triads"]
    assert triangle["actors"] == ["ARM", "AZE", "IRN"] and triangle["balanced"] is True
    days = [t["day"] for t in brief["timeline"]]
    assert all(days) and days == sorted(days) and days[0] == "2026-03-10"
    contested = [t for t in brief["timeline"] if t["contested"]]
    assert len(contested) == 1 and {s["claim"] for s in contested[0]["sides"]} == {"happened", "denied"}
    assert brief["scenarios"] and brief["scenarios"][0]["modality"] == "hypothetical"
    assert all(s["cites"][0]["doc"] == "a06" for s in brief["scenarios"])
    articles = testset.articles()
    cite_lists = _all_cites({k: brief[k] for k in ("actors", "dyads", "triads", "timeline", "alerts", "scenarios")}, [])
    assert cite_lists and all(cites for cites in cite_lists)
    for cites in cite_lists:
        for c in cites:
            assert c["evidence"] in articles[c["doc"]]["text"], "every citation quotes its article"
            assert c["doc"] in brief["documents"]


def test_filters_by_actor_and_since(store: str) -> None:
    brief = build_brief(store, actors=["TUR"], since=None)
    assert [d["dyad"] for d in brief["dyads"]] == ["AZE-TUR"]
    later = build_brief(store, actors=None, since="2026-03-15")
    assert all(t["day"] >= "2026-03-15" for t in later["timeline"]) and later["timeline"]
    with pytest.raises(InputError):
        build_brief(store, since="last tuesday")


def test_markdown_brief_sections(store: str) -> None:
    text = render_brief(Settings(db=store), actors=["IRN", "AZE", "ARM"], since=None, fmt="md")
    for heading in ("## Actors", "## Timeline of incidents", "## Relations", "## Triads", "## Force balance", "## Scenarios", "## Alerts"):
        assert heading in text
    assert "[a01]" in text and "**contested**" in text


def test_html_escapes_hostile_evidence(tmp_db: str) -> None:
    docs = testset.docs(["a01"])
    doc = docs[0]
    hostile = "<script>alert('x')</script> Azerbaijani units shelled Armenian positions near Sotk."
    article = doc.article.__class__(**{**{f: getattr(doc.article, f) for f in doc.article.__slots__}, "text": hostile, "key": "hostile1"})
    event = doc.events[0].__class__(**{**{f: getattr(doc.events[0], f) for f in doc.events[0].__slots__}, "evidence": hostile, "start": 0, "end": len(hostile)})
    with db.connect(tmp_db) as conn:
        db.write_batch(conn, [doc.replace(article=article, events=(event,))])
    html = render_brief(Settings(db=tmp_db), actors=None, since=None, fmt="html")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<svg class="network"' in html and '<svg class="timeline"' in html
    assert "http://" not in html and "https://" not in html


def test_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        build_brief(str(tmp_path / "none.duckdb"))


def test_as_of_says_how_precisely_the_latest_date_is_known(store: str) -> None:
    from flashpoint.analysis.facts import DateSpan
    from flashpoint.analysis.situation import _as_of_label
    from flashpoint.report.brief import as_of_phrase

    brief = build_brief(store)
    assert brief["as_of_label"] == brief["as_of"] and brief["undated_incidents"] == 0  # day dates throughout
    assert as_of_phrase(brief) == f"as of {brief['as_of']}"
    assert as_of_phrase({"as_of": None, "as_of_label": None}) == "no dated incident"
    assert as_of_phrase({"as_of": "2020-12-31", "as_of_label": "2020 (year only)", "undated_incidents": 23}) == (
        "as of 2020 (year only); 23 incidents undated"
    )

    class Year:  # an incident known only by its year: its span ends on 31 December
        span = DateSpan(date(2020, 1, 1), date(2020, 12, 31), "year", "event year")

    class Month:
        span = DateSpan(date(2020, 10, 1), date(2020, 10, 31), "month", "event month")

    assert _as_of_label(Year(), date(2020, 12, 31)) == "2020 (year only)"
    assert _as_of_label(Month(), date(2020, 10, 31)) == "2020-10 (month only)"
