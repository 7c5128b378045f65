"""Structural balance of signed triangles."""

from __future__ import annotations

from flashpoint.analysis.triads import triads


def row(a: str, b: str, balance: float, mass: float = 10.0, incidents: int = 3) -> dict:
    coop = mass * (1 + balance) / 2
    return {"actors": sorted([a, b]), "dyad": "-".join(sorted([a, b])), "balance": balance, "incidents": incidents,
            "cooperation": coop, "conflict": mass - coop, "cites": [{"doc": f"{a}{b}", "evidence": "x"}]}  # fmt: skip


def _by_actors(result: dict) -> dict:
    return {tuple(t["actors"]): t for t in result["triangles"]}


def test_enemy_of_my_enemy_is_balanced() -> None:
    result = triads([row("ARM", "AZE", -0.9), row("ARM", "IRN", 0.6), row("AZE", "IRN", -0.5)])
    t = _by_actors(result)[("ARM", "AZE", "IRN")]
    assert t["balanced"] is True and t["pattern"] == "+--"
    assert "ARM and IRN share an adversary" in t["meaning"]


def test_friend_of_my_enemy_is_unbalanced() -> None:
    result = triads([row("AZE", "TUR", 0.9), row("AZE", "ISR", 0.7), row("ISR", "TUR", -0.6)])
    t = _by_actors(result)[("AZE", "ISR", "TUR")]
    assert t["balanced"] is False and t["pattern"] == "++-"
    assert "AZE is on good terms with both ISR and TUR" in t["meaning"]


def test_three_friends_and_three_enemies() -> None:
    friends = _by_actors(triads([row("A", "B", 0.5), row("A", "C", 0.5), row("B", "C", 0.5)]))[("A", "B", "C")]
    enemies = _by_actors(triads([row("A", "B", -0.5), row("A", "C", -0.5), row("B", "C", -0.5)]))[("A", "B", "C")]
    assert friends["balanced"] and not enemies["balanced"]
    assert "weakly" in enemies["meaning"]


def test_weak_or_thin_relations_are_not_edges_and_open_triads_predict() -> None:
    result = triads([row("A", "B", 0.05), row("A", "C", -0.8), row("B", "C", -0.8, mass=0.5)])
    assert result["triangles"] == []
    assert result["edges"] == [{"actors": ["A", "C"], "sign": -1, "balance": -0.8, "incidents": 3}]
    open_ = triads([row("ARM", "AZE", -0.9), row("AZE", "ISR", 0.8)])["open"]
    assert open_[0]["missing"] == "ARM-ISR" and open_[0]["predicted_sign"] == -1
