"""Spike and change detection: alerts list the incidents, events and documents behind them."""

from __future__ import annotations

from datetime import date, timedelta

from flashpoint.analysis.alerts import alert_id, detect, robust_z
from flashpoint.analysis.dyads import dyad_table
from flashpoint.analysis.facts import EventFact
from flashpoint.analysis.incidents import cluster

START = date(2026, 1, 5)  # a Monday
PLACES = ["Sotk", "Tegh", "Jermuk", "Kapan", "Goris", "Ijevan", "Berd", "Vardenis", "Meghri", "Sisian", "Agarak", "Noyemberyan"]


def ev(i: int, week: int, g: float, quad: int, plover: str, text: str, src: str = "AZE", tgt: str = "ARM") -> EventFact:
    day = START + timedelta(days=7 * week + (i % 5))
    return EventFact(
        id=f"e{i}", doc=f"doc{i}", doc_key=f"doc{i}", plover=plover, evidence=f"{text} near {PLACES[i % len(PLACES)]} ({i})",
        source=src, target=tgt, goldstein=g, quad_class=quad, confidence=0.9, date=day.isoformat(),
        location={"name": PLACES[i % len(PLACES)], "country": "ARM", "lat": 39.0 + i, "lon": 45.0},
    )  # fmt: skip


def quiet_then_spike() -> list[EventFact]:
    events = [ev(i, i, -2.0, 3, "ACCUSE", "officials criticised the other side") for i in range(6)]
    events += [ev(10 + k, 6, -10.0, 4, "ASSAULT", f"artillery attack wave {k}") for k in range(3)]
    return events


def test_spike_alert_lists_events_and_docs() -> None:
    incidents = cluster(quiet_then_spike())
    rows = dyad_table(incidents, as_of=START + timedelta(days=50))
    alerts = detect(rows, incidents)
    spikes = [a for a in alerts if a["kind"] == "spike"]
    assert len(spikes) == 1
    spike = spikes[0]
    assert spike["dyad"] == ["ARM", "AZE"] and spike["period"].startswith("2026-02-16")
    assert spike["score"] >= spike["threshold"]
    assert sorted(spike["events"]) == ["e10", "e11", "e12"]
    assert sorted(spike["docs"]) == ["doc10", "doc11", "doc12"]
    assert spike["id"] == alert_id("spike", "ARM-AZE", spike["period"])
    assert spike["cites"] and spike["message"]
    assert any(a["kind"] == "escalation" for a in alerts), "QuadClass-4 share jumped from 0 to 100%"


def test_no_spike_in_a_steady_record() -> None:
    steady = [ev(i, i, -2.0, 3, "ACCUSE", "officials criticised the other side") for i in range(8)]
    incidents = cluster(steady)
    alerts = detect(dyad_table(incidents, as_of=START + timedelta(days=60)), incidents)
    assert [a for a in alerts if a["kind"] in ("spike", "escalation", "first_conflict")] == []


def test_relation_flip_and_first_conflict() -> None:
    coop = [ev(i, i, 6.0, 2, "COOPERATE", "the two governments expanded trade", "IRN", "ARM") for i in range(3)]
    attack = [ev(20, 3, -10.0, 4, "ASSAULT", "a drone strike hit a border post", "IRN", "ARM")]
    incidents = cluster(coop + attack)
    kinds = {a["kind"] for a in detect(dyad_table(incidents, as_of=START + timedelta(days=30)), incidents)}
    assert {"relation_flip", "first_conflict"} <= kinds


def test_robust_z() -> None:
    z, med, mad = robust_z(5.0, [0.0, 0.0, 1.0, 0.0])
    assert med == 0.0 and mad == 0.0 and z == 50.0
