"""Structural balance of actor triangles (Heider; Cartwright and Harary).

The signed relation graph has an edge between two actors when their dyad has
enough evidence (``MIN_INCIDENTS`` factual incidents and a cooperation plus
conflict mass of at least ``MIN_MASS``) and a clear balance (``|balance| >=
MIN_BALANCE``); its sign is the sign of the balance. A triangle is *balanced*
when the product of its three signs is positive: three friends, or two friends
with a common enemy. An unbalanced triangle is under pressure to change one
relation:

* ``++-``: A is friendly with B and C, which are hostile to each other; A is
  pulled to choose a side, or B and C to ease ("the friend of my friend").
* ``---``: three mutual enemies; two of them tend to align against the third
  ("the enemy of my enemy is my friend"; weakly unbalanced in Davis's sense).

An *open* triad (two edges known, the third unknown or neutral) gets the sign
that balance theory predicts for the missing relation: the product of the two.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

MIN_INCIDENTS = 1
MIN_MASS = 2.0  # w * |g| summed over the dyad's incidents: one clear act of conflict or cooperation
MIN_BALANCE = 0.1
MAX_OPEN = 20


def signed_edges(dyads: Sequence[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    edges = {}
    for row in dyads:
        mass = float(row["cooperation"]) + float(row["conflict"])
        bal = float(row["balance"])
        if row["incidents"] < MIN_INCIDENTS or mass < MIN_MASS or abs(bal) < MIN_BALANCE:
            continue
        a, b = row["actors"]
        edges[(a, b)] = {"sign": 1 if bal > 0 else -1, "balance": bal, "incidents": row["incidents"], "cites": row["cites"]}
    return edges


def _edge(edges: dict[tuple[str, str], dict[str, Any]], a: str, b: str) -> dict[str, Any] | None:
    return edges.get((a, b) if a < b else (b, a))


def _mark(sign: int) -> str:
    return "+" if sign > 0 else "-"


def triangle(a: str, b: str, c: str, edges: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any] | None:
    trio = [(a, b), (a, c), (b, c)]
    found = [(x, y, _edge(edges, x, y)) for x, y in trio]
    if any(e is None for _, _, e in found):
        return None
    signs = {f"{x}-{y}": e["sign"] for x, y, e in found}  # type: ignore[index]
    product = 1
    for s in signs.values():
        product *= s
    negatives = sum(1 for s in signs.values() if s < 0)
    pattern = "".join(sorted(_mark(s) for s in signs.values()))  # "+" sorts before "-"
    balanced = product > 0
    if balanced and negatives == 0:
        meaning = "balanced: three friendly relations; stable"
    elif balanced:
        friends = next(k for k, s in signs.items() if s > 0)
        meaning = f"balanced: {friends.replace('-', ' and ')} share an adversary; stable"
    elif negatives == 1:
        hostile = next(k for k, s in signs.items() if s < 0)
        x, y = hostile.split("-")
        pivot = ({a, b, c} - {x, y}).pop()
        meaning = (
            f"unbalanced: {pivot} is on good terms with both {x} and {y}, which are hostile; "
            f"expect pressure on {pivot} to choose a side or on {x}-{y} to ease"
        )
    else:
        meaning = "unbalanced (weakly): three mutual adversaries; two of them may align against the third"
    cites = [c for _, _, e in found for c in (e or {}).get("cites", [])[:1]]
    return {
        "actors": [a, b, c],
        "signs": signs,
        "pattern": pattern,
        "balanced": balanced,
        "meaning": meaning,
        "cites": cites,
    }


def open_triads(edges: dict[tuple[str, str], dict[str, Any]], actors: list[str]) -> list[dict[str, Any]]:
    """Two known relations and a missing third: the sign balance theory predicts for it."""
    out = []
    for a, b, c in itertools.combinations(actors, 3):
        for pivot, x, y in ((a, b, c), (b, a, c), (c, a, b)):
            e1, e2 = _edge(edges, pivot, x), _edge(edges, pivot, y)
            if e1 and e2 and _edge(edges, x, y) is None:
                predicted = e1["sign"] * e2["sign"]
                rel = "friendly" if predicted > 0 else "hostile"
                out.append(
                    {
                        "actors": [a, b, c],
                        "known": {f"{min(pivot, x)}-{max(pivot, x)}": e1["sign"], f"{min(pivot, y)}-{max(pivot, y)}": e2["sign"]},
                        "missing": f"{min(x, y)}-{max(x, y)}",
                        "predicted_sign": predicted,
                        "meaning": f"balance predicts {x} and {y} to be {rel} (through their relations with {pivot})",
                        "cites": e1["cites"][:1] + e2["cites"][:1],
                    }
                )
    return out[:MAX_OPEN]


def triads(dyads: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Closed triangles with their balance, open triads with predictions, and the signed edges."""
    edges = signed_edges(dyads)
    actors = sorted({x for pair in edges for x in pair})
    closed = [t for a, b, c in itertools.combinations(actors, 3) if (t := triangle(a, b, c, edges))]
    closed.sort(key=lambda t: (t["balanced"], t["actors"]))
    return {
        "triangles": closed,
        "open": open_triads(edges, actors),
        "edges": [
            {"actors": list(pair), "sign": e["sign"], "balance": e["balance"], "incidents": e["incidents"]}
            for pair, e in sorted(edges.items())
        ],
    }
