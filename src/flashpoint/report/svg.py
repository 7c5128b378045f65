"""Inline SVG pictures for the HTML brief: the signed actor network and the tension timeline.

No library, no script, no network: plain SVG text. Every label goes through
``html.escape``.
"""

from __future__ import annotations

import math
from datetime import date
from html import escape
from typing import Any

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def network(dyads: list[dict[str, Any]], *, size: int = 420) -> str:
    """Actors on a circle; an edge per dyad, green for cooperation, red for conflict, width by incidents."""
    actors = sorted({a for d in dyads for a in d["actors"]})
    if not actors:
        return '<p class="empty">No relations to draw.</p>'
    cx = cy = size / 2
    r = size / 2 - 50
    pos = {
        a: (cx + r * math.cos(2 * math.pi * k / len(actors) - math.pi / 2), cy + r * math.sin(2 * math.pi * k / len(actors) - math.pi / 2))
        for k, a in enumerate(actors)
    }
    parts = [f'<svg class="network" viewBox="0 0 {size} {size}" width="{size}" height="{size}" role="img" aria-label="signed actor network">']
    for d in dyads:
        a, b = d["actors"]
        bal = float(d["balance"])
        color = "#2a9d3a" if bal > 0.1 else "#c8312b" if bal < -0.1 else "#888888"
        width = 1.5 + min(6.0, float(d["incidents"]))
        (x1, y1), (x2, y2) = pos[a], pos[b]
        title = escape(f"{d['dyad']}: balance {bal:+.2f}, {d['incidents']} incidents, tension {d['tension']}")
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{color}" '
            f'stroke-width="{width:.1f}" stroke-opacity="0.8"><title>{title}</title></line>'
        )
    for a, (x, y) in pos.items():
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="20" fill="#f4f1e8" stroke="#333"/>')
        parts.append(f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="12">{escape(a)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def timeline(series: list[dict[str, Any]], *, width: int = 640, height: int = 260, limit: int = 6) -> str:
    """A line per dyad (or region): tension 0..100 against the end day of each window."""
    lines = [s for s in series if len(s.get("series") or []) >= 1][:limit]
    days = sorted({date.fromisoformat(p["day"]) for s in lines for p in s["series"]})
    if not days:
        return '<p class="empty">No dated incidents to chart.</p>'
    left, right, top, bottom = 40, 130, 12, 30
    span = max(1, (days[-1] - days[0]).days)

    def x(day: date) -> float:
        if len(days) == 1:
            return left + (width - left - right) / 2
        return left + (width - left - right) * (day - days[0]).days / span

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - value / 100.0)

    parts = [f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="tension timeline">']
    for v in (0, 25, 50, 75, 100):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="10">{v}</text>')
    for day in (days[0], days[-1]):
        parts.append(f'<text x="{x(day):.1f}" y="{height - 10}" text-anchor="middle" font-size="10">{day.isoformat()}</text>')
    for k, s in enumerate(lines):
        color = PALETTE[k % len(PALETTE)]
        pts = [(x(date.fromisoformat(p["day"])), y(float(p["tension"]))) for p in s["series"]]
        label = escape(str(s.get("dyad") or s.get("region")))
        if len(pts) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"><title>{label}</title></polyline>')
        for px, py in pts:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{color}"/>')
        parts.append(f'<text x="{width - right + 8}" y="{top + 14 * (k + 1)}" font-size="11" fill="{color}">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)
