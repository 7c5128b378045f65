"""The tension index of a dyad and of a region (formulas in ``docs/analysis.md``).

Each factual incident ``i`` between two actors contributes a *pressure*

    p_i = w_i * (max(0, -g_i) - LAMBDA * max(0, g_i)) / 10

where ``g_i`` is its Goldstein score (-10 .. +10), ``w_i`` its weight (the
incident's confidence, halved when it is contested) and ``LAMBDA`` the share of
cooperation that offsets conflict. An incident counts once however many
articles report it. The raw tension at day ``t`` decays with a half-life:

    R(t) = max(0, sum_{i: t_i <= t} p_i * 2 ** (-(t - t_i) / HALF_LIFE_DAYS))

(an incident with neither a date nor a publication date is taken as current,
age 0, in a dyad's present tension, and left out of every dated week of its
series: it cannot be placed in one) and the index maps it to 0..100:  ``T(t) = 100 * (1 - exp(-R(t) / SCALE))``.
One fully confident artillery attack (g = -10) gives R = 1, T = 28; three in a
week give T = 63. Region tension applies the same map to the sum of its dyads'
raw tension, a dyad counting fully when both actors are members of the region
and half when one is.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from .facts import regions
from .incidents import Incident

HALF_LIFE_DAYS = 14.0
LAMBDA = 0.5
SCALE = 3.0
CONTESTED_FACTOR = 0.5


def weight(inc: Incident) -> float:
    """How much an incident counts: its confidence, halved when one side denies it."""
    w = inc.confidence
    return w * CONTESTED_FACTOR if inc.contested else w


def pressure(inc: Incident) -> float:
    g = inc.goldstein
    return weight(inc) * (max(0.0, -g) - LAMBDA * max(0.0, g)) / 10.0


def conflict_mass(inc: Incident) -> float:
    """The conflict part alone (no cooperation offset): what spike detection counts."""
    return weight(inc) * max(0.0, -inc.goldstein) / 10.0


def day_of(inc: Incident) -> date | None:
    """The day an incident is placed on in time series: its date, or the end of its date span."""
    return inc.span.point


def raw(incidents: Iterable[Incident], at: date, *, undated: bool = True) -> float:
    """Raw tension at ``at``; ``undated=False`` leaves out incidents without any date (series of past weeks)."""
    total = 0.0
    for inc in incidents:
        day = day_of(inc)
        if day is None:  # no date and no publication date: taken as current, no decay
            if undated:
                total += pressure(inc)
            continue
        if day > at:
            continue
        total += pressure(inc) * 2.0 ** (-(at - day).days / HALF_LIFE_DAYS)
    return max(0.0, total)


def index(raw_value: float) -> float:
    return round(100.0 * (1.0 - math.exp(-max(0.0, raw_value) / SCALE)), 1)


def series(incidents: Sequence[Incident], days: Sequence[date]) -> list[dict[str, float | str]]:
    """The index at each of ``days`` (e.g. the end of each window), from the dated incidents."""
    return [{"day": d.isoformat(), "tension": index(raw(incidents, d, undated=False))} for d in days]


def region_weight(pair: tuple[str, str], members: frozenset[str]) -> float:
    inside = sum(1 for a in pair if a in members)
    return {2: 1.0, 1: 0.5}.get(inside, 0.0)


def region_raw(by_pair: dict[tuple[str, str], list[Incident]], members: frozenset[str], at: date) -> float:
    """A region's raw tension on a dated day of its series (undated incidents left out)."""
    return sum(region_weight(pair, members) * raw(incs, at, undated=False) for pair, incs in by_pair.items())


def region_table(
    by_pair: dict[tuple[str, str], list[Incident]], days: Sequence[date]
) -> list[dict[str, object]]:
    """Tension per region that any dyad touches: current index, series and the dyads behind it."""
    if not days:
        return []
    out = []
    for name, members in regions().items():
        pairs = [p for p in by_pair if region_weight(p, members) > 0]
        if not pairs:
            continue
        sub = {p: by_pair[p] for p in pairs}
        points = [{"day": d.isoformat(), "tension": index(region_raw(sub, members, d))} for d in days]
        out.append(
            {
                "region": name,
                "members": sorted(members),
                "tension": points[-1]["tension"],
                "series": points,
                "dyads": ["-".join(p) for p in sorted(pairs)],
            }
        )
    out.sort(key=lambda r: (-float(r["tension"]), str(r["region"])))  # type: ignore[arg-type]
    return out


def window_start(day: date, days: int = 7) -> date:
    """The first day of the window holding ``day``: Monday for weekly windows, else epoch-aligned."""
    if days == 7:
        return day - timedelta(days=day.weekday())
    return date.fromordinal(day.toordinal() - (day.toordinal() % days))


def window_starts(first: date, last: date, days: int = 7) -> list[date]:
    out, cur = [], window_start(first, days)
    while cur <= last:
        out.append(cur)
        cur += timedelta(days=days)
    return out
