"""Dyads: what two actors did to each other, per time window, counted by incident.

For an unordered pair {A, B} the table gives incident and mention counts (and
the directed counts A->B, B->A), counts per QuadClass and PLOVER type, the
weighted Goldstein sums, the cooperation/conflict balance

    balance = (C - K) / (C + K),   C = sum w_i * max(0, g_i),  K = sum w_i * max(0, -g_i)

(-1 all conflict, +1 all cooperation, 0 when nothing or even), its weekly
series and trend (least-squares slope of the weekly balance over the last
``TREND_WINDOWS`` windows with incidents), and the tension index of
:mod:`flashpoint.analysis.tension`. Only factual incidents count (asserted,
reported, claimed); an incident counts once however many articles report it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from . import tension
from .incidents import Incident

TREND_WINDOWS = 8
TREND_FLAT = 0.05  # |slope| per window below this is "stable"
MAX_CITES = 5


def pair_of(inc: Incident) -> tuple[str, str] | None:
    if not inc.facts or not inc.source or not inc.target or inc.source == inc.target:
        return None
    a, b = sorted((inc.source, inc.target))
    return a, b


def by_pair(incidents: Iterable[Incident]) -> dict[tuple[str, str], list[Incident]]:
    groups: dict[tuple[str, str], list[Incident]] = defaultdict(list)
    for inc in incidents:
        pair = pair_of(inc)
        if pair:
            groups[pair].append(inc)
    return dict(groups)


def scores(incidents: Sequence[Incident]) -> dict[str, float]:
    coop = sum(tension.weight(i) * max(0.0, i.goldstein) for i in incidents)
    conflict = sum(tension.weight(i) * max(0.0, -i.goldstein) for i in incidents)
    total = coop + conflict
    return {
        "goldstein_sum": round(sum(tension.weight(i) * i.goldstein for i in incidents), 3),
        "cooperation": round(coop, 3),
        "conflict": round(conflict, 3),
        "balance": round((coop - conflict) / total, 3) if total else 0.0,
    }


def slope(values: Sequence[float]) -> float:
    n = len(values)
    if n < 2:
        return 0.0
    mx, my = (n - 1) / 2, sum(values) / n
    den = sum((x - mx) ** 2 for x in range(n))
    return sum((x - mx) * (y - my) for x, y in enumerate(values)) / den if den else 0.0


def dyad(pair: tuple[str, str], incidents: Sequence[Incident], *, as_of: date | None, window_days: int = 7) -> dict[str, Any]:
    a, b = pair
    directed = Counter(f"{i.source}->{i.target}" for i in incidents)
    windows = _windows(incidents, window_days)
    active = [w for w in windows if w["incidents"]]
    trend = slope([float(w["balance"]) for w in active[-TREND_WINDOWS:]])
    label = "stable"
    if len(active) >= 2 and trend <= -TREND_FLAT:
        label = "towards conflict"
    elif len(active) >= 2 and trend >= TREND_FLAT:
        label = "towards cooperation"
    ordered = sorted(incidents, key=lambda i: (-abs(i.goldstein) * tension.weight(i), i.id))
    return {
        "actors": [a, b],
        "dyad": f"{a}-{b}",
        "incidents": len(incidents),
        "mentions": sum(len(i.members) for i in incidents),
        "docs": len({d for i in incidents for d in i.docs}),
        "directed": {f"{a}->{b}": directed.get(f"{a}->{b}", 0), f"{b}->{a}": directed.get(f"{b}->{a}", 0)},
        "quad_class": {str(q): sum(1 for i in incidents if i.quad_class == q) for q in (1, 2, 3, 4)},
        "plover": dict(sorted(Counter(i.plover for i in incidents).items())),
        "contested": sum(1 for i in incidents if i.contested),
        **scores(incidents),
        "tension": tension.index(tension.raw(incidents, as_of)) if as_of else None,
        "trend": {"slope": round(trend, 3), "direction": label, "windows": len(active)},
        "windows": windows,
        "incident_ids": [i.id for i in sorted(incidents, key=lambda i: (i.span.point or date.max, i.id))],
        "cites": list({(c["doc"], c["evidence"]): c for i in ordered for c in _cite(i)}.values())[:MAX_CITES],
    }


def _cite(inc: Incident) -> list[dict[str, str]]:
    e = (inc.facts or inc.reports)[0]
    return [{"doc": e.doc, "evidence": e.evidence, "event": e.id, "incident": inc.id}]


def _windows(incidents: Sequence[Incident], window_days: int) -> list[dict[str, Any]]:
    dated = [(tension.day_of(i), i) for i in incidents if tension.day_of(i)]
    if not dated:
        return []
    first = min(d for d, _ in dated)
    last = max(d for d, _ in dated)
    out = []
    for start in tension.window_starts(first, last, window_days):  # type: ignore[arg-type]
        end = start + timedelta(days=window_days - 1)
        inside = [i for d, i in dated if d and start <= d <= end]
        out.append(
            {
                "period": f"{start.isoformat()}/{end.isoformat()}",
                "start": start.isoformat(),
                "end": end.isoformat(),
                "incidents": len(inside),
                "quad4": sum(1 for i in inside if i.quad_class == 4),
                "conflict_mass": round(sum(tension.conflict_mass(i) for i in inside), 3),
                **scores(inside),
                "tension": tension.index(tension.raw(incidents, end, undated=False)),  # a dated week: dated incidents only
                "incident_ids": [i.id for i in inside],
            }
        )
    return out


def dyad_table(incidents: Iterable[Incident], *, as_of: date | None, window_days: int = 7) -> list[dict[str, Any]]:
    """Every dyad with factual incidents, most tense first."""
    groups = by_pair(incidents)
    rows = [dyad(pair, incs, as_of=as_of, window_days=window_days) for pair, incs in groups.items()]
    rows.sort(key=lambda r: (-(r["tension"] or 0.0), r["balance"], r["dyad"]))
    return rows
