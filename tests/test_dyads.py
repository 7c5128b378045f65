"""Dyads and the tension index on synthetic incidents (formulas of docs/analysis.md)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from flashpoint.analysis import tension
from flashpoint.analysis.dyads import dyad_table, slope
from flashpoint.analysis.facts import EventFact
from flashpoint.analysis.incidents import cluster


def fact(i: int, src: str, tgt: str, plover: str, g: float, day: str, *, doc: str | None = None,
         conf: float = 1.0, quad: int = 4, evidence: str = "forces shelled the border village") -> EventFact:  # fmt: skip
    return EventFact(
        id=f"e{i}", doc=doc or f"d{i}", doc_key=doc or f"d{i}", plover=plover, evidence=evidence,
        source=src, target=tgt, goldstein=g, quad_class=quad, confidence=conf, date=day,
    )  # fmt: skip


def test_one_story_in_ten_outlets_counts_once() -> None:
    reports = [fact(i, "AZE", "ARM", "ASSAULT", -10.0, "2026-03-10", conf=0.5) for i in range(10)]
    incidents = cluster(reports)
    assert len(incidents) == 1
    (row,) = dyad_table(incidents, as_of=date(2026, 3, 10))
    assert row["incidents"] == 1 and row["mentions"] == 10 and row["docs"] == 10
    assert row["directed"] == {"ARM->AZE": 0, "AZE->ARM": 1}
    # confidence of independent reports: 1 - 0.5**10
    assert incidents[0].confidence == pytest.approx(1 - 0.5**10, abs=1e-4)


def test_tension_formula_values() -> None:
    (inc,) = cluster([fact(1, "AZE", "ARM", "ASSAULT", -10.0, "2026-03-10")])
    day = date(2026, 3, 10)
    assert tension.raw([inc], day) == pytest.approx(1.0)
    assert tension.index(1.0) == pytest.approx(round(100 * (1 - math.exp(-1 / 3)), 1))
    # half-life: 14 days later the raw tension has halved
    assert tension.raw([inc], date(2026, 3, 24)) == pytest.approx(0.5)
    # not before it happened
    assert tension.raw([inc], date(2026, 3, 9)) == 0.0
    three = cluster([fact(i, "AZE", "ARM", "ASSAULT", -10.0, f"2026-03-{10 + 4 * i}", evidence=f"attack number {i} on {['Sotk', 'Tegh', 'Jermuk'][i]}") for i in range(3)])  # fmt: skip
    assert len(three) == 3
    assert tension.index(tension.raw(three, date(2026, 3, 18))) > tension.index(1.0)


def test_cooperation_offsets_half_and_contested_counts_half() -> None:
    conflict = cluster([fact(1, "IRN", "AZE", "MOBILIZE", -8.0, "2026-03-10")])[0]
    coop = cluster([fact(2, "IRN", "AZE", "AGREE", 8.0, "2026-03-10", quad=1, evidence="signed a trade deal")])[0]
    assert tension.pressure(conflict) == pytest.approx(0.8)
    assert tension.pressure(coop) == pytest.approx(-0.4)
    assert tension.raw([conflict, coop], date(2026, 3, 10)) == pytest.approx(0.4)
    denied = EventFact(id="n1", doc="d9", doc_key="d9", plover="MOBILIZE", evidence="forces shelled the border village",
                       source="IRN", target="AZE", goldstein=-8.0, quad_class=4, confidence=1.0,
                       date="2026-03-10", modality="negated")  # fmt: skip
    contested = cluster([fact(1, "IRN", "AZE", "MOBILIZE", -8.0, "2026-03-10"), denied])
    assert len(contested) == 1 and contested[0].contested
    assert tension.pressure(contested[0]) == pytest.approx(0.4)


def test_balance_directed_windows_and_trend() -> None:
    events = [
        fact(1, "ARM", "IRN", "CONSULT", 4.0, "2026-03-02", quad=1, evidence="ministers met in Yerevan"),
        fact(2, "IRN", "ARM", "AID", 6.0, "2026-03-10", quad=2, evidence="Iran delivered aid to Armenia"),
        fact(3, "IRN", "ARM", "ACCUSE", -2.0, "2026-03-17", quad=3, evidence="Tehran criticised a transit deal"),
        fact(4, "IRN", "ARM", "THREATEN", -6.0, "2026-03-24", quad=3, evidence="Iran warned of consequences"),
    ]
    (row,) = dyad_table(cluster(events), as_of=date(2026, 3, 24))
    assert row["actors"] == ["ARM", "IRN"]
    assert row["directed"] == {"ARM->IRN": 1, "IRN->ARM": 3}
    assert row["cooperation"] == pytest.approx(10.0) and row["conflict"] == pytest.approx(8.0)
    assert row["balance"] == pytest.approx((10 - 8) / 18, abs=1e-3)
    assert [w["start"] for w in row["windows"]] == ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"]
    assert [w["balance"] for w in row["windows"]] == [1.0, 1.0, -1.0, -1.0]
    assert row["trend"]["direction"] == "towards conflict" and row["trend"]["slope"] < 0
    assert row["quad_class"] == {"1": 1, "2": 1, "3": 2, "4": 0}
    assert row["cites"] and all({"doc", "evidence"} <= set(c) for c in row["cites"])


def test_slope_and_region_weight() -> None:
    assert slope([0.0, 1.0, 2.0]) == pytest.approx(1.0)
    assert slope([1.0]) == 0.0
    members = frozenset({"ARM", "AZE", "GEO"})
    assert tension.region_weight(("ARM", "AZE"), members) == 1.0
    assert tension.region_weight(("AZE", "IRN"), members) == 0.5
    assert tension.region_weight(("IRN", "ISR"), members) == 0.0
