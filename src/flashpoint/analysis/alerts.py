"""Change and spike detection on dyads and regions; each alert lists the incidents behind it.

Kinds (thresholds in ``docs/analysis.md``):

* ``spike``: a window's conflict mass ``x`` (sum of ``w * max(0, -g) / 10`` over
  its incidents) against the dyad's own previous windows (zeros included, up to
  ``HISTORY`` windows): robust z = (x - median) / (1.4826 * MAD + Z_FLOOR) at
  least ``Z_SPIKE``, with ``x >= MIN_MASS``. Needs ``MIN_HISTORY`` windows.
* ``first_conflict``: a dyad's first window with material conflict (QuadClass 4)
  and ``x >= MIN_MASS`` when it has too little history for a z-score.
* ``escalation``: the QuadClass-4 share of a window's incidents exceeds the
  share over all previous windows by ``SHARE_JUMP`` or more, with at least
  ``MIN_QUAD4`` material-conflict incidents.
* ``relation_flip``: the window's balance has the opposite sign of the balance
  of all earlier incidents, both at least ``FLIP_BALANCE`` in size.
* ``region_spike``: the robust z-score test on a region's summed conflict mass.
* ``contested``: an incident that one side reports and another denies.

An alert's id is a hash of kind, subject and period, so the same alert found
again (another run, another process) has the same id.
"""

from __future__ import annotations

import hashlib
import statistics
from collections.abc import Sequence
from typing import Any

from .facts import regions
from .incidents import Incident
from .tension import region_weight

HISTORY = 12
MIN_HISTORY = 4
Z_SPIKE = 3.0
Z_FLOOR = 0.1
MIN_MASS = 0.5
SHARE_JUMP = 0.5
MIN_QUAD4 = 2
FLIP_BALANCE = 0.3


def alert_id(kind: str, subject: str, period: str) -> str:
    return "alr-" + hashlib.sha1(f"{kind}|{subject}|{period}".encode()).hexdigest()[:12]


def robust_z(x: float, history: Sequence[float]) -> tuple[float, float, float]:
    """(z, median, MAD) of ``x`` against ``history``."""
    med = statistics.median(history)
    mad = statistics.median(abs(h - med) for h in history)
    return (x - med) / (1.4826 * mad + Z_FLOOR), med, mad


def _alert(
    kind: str,
    subject: str,
    window: dict[str, Any],
    score: float,
    threshold: float,
    message: str,
    incidents: Sequence[Incident],
    *,
    dyad: list[str] | None = None,
    region: str | None = None,
) -> dict[str, Any]:
    events = [m.event for inc in incidents for m in inc.members]
    return {
        "id": alert_id(kind, subject, window["period"]),
        "kind": kind,
        "subject": subject,
        "dyad": dyad,
        "region": region,
        "period": window["period"],
        "score": round(score, 3),
        "threshold": threshold,
        "message": message,
        "incidents": [inc.id for inc in incidents],
        "events": [e.id for e in events],
        "docs": sorted({e.doc for e in events}),
        "cites": [{"doc": e.doc, "evidence": e.evidence, "event": e.id} for e in events if e.is_fact][:6],
    }


def dyad_alerts(row: dict[str, Any], by_id: dict[str, Incident]) -> list[dict[str, Any]]:
    """Alerts of one dyad row (from :func:`flashpoint.analysis.dyads.dyad`)."""
    out: list[dict[str, Any]] = []
    windows = row["windows"]
    subject = row["dyad"]
    seen_quad4 = False
    for k, w in enumerate(windows):
        incs = [by_id[i] for i in w["incident_ids"] if i in by_id]
        x = float(w["conflict_mass"])
        history = [float(h["conflict_mass"]) for h in windows[max(0, k - HISTORY) : k]]
        if len(history) >= MIN_HISTORY and x >= MIN_MASS:
            z, med, _ = robust_z(x, history)
            if z >= Z_SPIKE:
                out.append(_alert(
                    "spike", subject, w, z, Z_SPIKE,
                    f"{subject}: conflict {x:.2f} in {w['period']} against a median of {med:.2f} (robust z {z:.1f})",
                    incs, dyad=row["actors"]))  # fmt: skip
        elif not seen_quad4 and w["quad4"] and x >= MIN_MASS:
            out.append(_alert(
                "first_conflict", subject, w, x, MIN_MASS,
                f"{subject}: first material conflict in the record ({w['quad4']} incident(s), conflict {x:.2f})",
                incs, dyad=row["actors"]))  # fmt: skip
        seen_quad4 = seen_quad4 or bool(w["quad4"])
        earlier = windows[:k]
        n_before = sum(h["incidents"] for h in earlier)
        if n_before and w["quad4"] >= MIN_QUAD4 and w["incidents"]:
            share = w["quad4"] / w["incidents"]
            before = sum(h["quad4"] for h in earlier) / n_before
            if share - before >= SHARE_JUMP:
                out.append(_alert(
                    "escalation", subject, w, share - before, SHARE_JUMP,
                    f"{subject}: material conflict {share:.0%} of incidents in {w['period']}, up from {before:.0%}",
                    incs, dyad=row["actors"]))  # fmt: skip
        prior = [by_id[i] for h in earlier for i in h["incident_ids"] if i in by_id]
        if prior and w["incidents"]:
            before_balance = _balance(prior)
            now = float(w["balance"])
            if abs(now) >= FLIP_BALANCE and abs(before_balance) >= FLIP_BALANCE and now * before_balance < 0:
                turn = "conflict" if now < 0 else "cooperation"
                out.append(_alert(
                    "relation_flip", subject, w, now, FLIP_BALANCE,
                    f"{subject}: relation turned to {turn} in {w['period']} (balance {before_balance:+.2f} -> {now:+.2f})",
                    incs, dyad=row["actors"]))  # fmt: skip
    return out


def _balance(incidents: Sequence[Incident]) -> float:
    from .dyads import scores

    return float(scores(incidents)["balance"])


def region_alerts(dyad_rows: Sequence[dict[str, Any]], by_id: dict[str, Incident]) -> list[dict[str, Any]]:
    """Robust z-score spikes of each region's weighted conflict mass per window."""
    out: list[dict[str, Any]] = []
    for name, members in regions().items():
        per_period: dict[str, dict[str, Any]] = {}
        for row in dyad_rows:
            wgt = region_weight((row["actors"][0], row["actors"][1]), members)
            if not wgt:
                continue
            for w in row["windows"]:
                slot = per_period.setdefault(w["period"], {"period": w["period"], "mass": 0.0, "ids": []})
                slot["mass"] += wgt * float(w["conflict_mass"])
                slot["ids"].extend(w["incident_ids"])
        periods = [per_period[p] for p in sorted(per_period)]
        for k, w in enumerate(periods):
            history = [h["mass"] for h in periods[max(0, k - HISTORY) : k]]
            if len(history) < MIN_HISTORY or w["mass"] < MIN_MASS:
                continue
            z, med, _ = robust_z(w["mass"], history)
            if z >= Z_SPIKE:
                incs = [by_id[i] for i in dict.fromkeys(w["ids"]) if i in by_id]
                out.append(_alert(
                    "region_spike", name, w, z, Z_SPIKE,
                    f"{name}: conflict {w['mass']:.2f} in {w['period']} against a median of {med:.2f} (robust z {z:.1f})",
                    incs, region=name))  # fmt: skip
    return out


def contested_alerts(incidents: Sequence[Incident]) -> list[dict[str, Any]]:
    out = []
    for inc in incidents:
        if not inc.contested:
            continue
        sides = inc.sides()
        said = ", ".join(sides[0]["by"]) if sides else "?"
        denied = ", ".join(sides[1]["by"]) if len(sides) > 1 else "?"
        window = {"period": inc.date or (inc.span.hi.isoformat() if inc.span.hi else "undated")}
        out.append(_alert(
            "contested", inc.id, window, float(len(inc.negations)), 1.0,
            f"contested: {inc.summary()}; reported by {said}, denied by {denied}",
            [inc], dyad=sorted({inc.source or "?", inc.target or "?"})))  # fmt: skip
    return out


def detect(dyad_rows: Sequence[dict[str, Any]], incidents: Sequence[Incident]) -> list[dict[str, Any]]:
    """Every alert in the record, newest period first."""
    by_id = {inc.id: inc for inc in incidents}
    found: list[dict[str, Any]] = []
    for row in dyad_rows:
        found.extend(dyad_alerts(row, by_id))
    found.extend(region_alerts(dyad_rows, by_id))
    found.extend(contested_alerts(incidents))
    unique = {a["id"]: a for a in found}
    return sorted(unique.values(), key=lambda a: (a["period"], a["kind"], a["subject"]), reverse=True)
