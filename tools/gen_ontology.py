#!/usr/bin/env python3
"""Generate flashpoint's ontology tables from the shared reference data.

usage: python tools/gen_ontology.py [--shared PATH]

Writes two committed data files under ``src/flashpoint/resources/ontology/``:

* ``cameo.tsv``  - every CAMEO code with its name, GDELT Goldstein value, GDELT
  QuadClass and the PLOVER type, mode and context it maps to.
* ``plover.tsv`` - the 16 PLOVER event types with their quad category, whether a
  recipient is required, and their modes.

Sources (read from ``$FLASHPOINT_SHARED`` or ``<repo>/../shared``):
  data/gdelt-cameo-lookups/CAMEO.eventcodes.txt, CAMEO.goldsteinscale.txt (GDELT open data)
  data/icews-cameo-codebook/cameo-codes.csv (names as the CAMEO manual words them; MIT)
  data/plover-spec/CAMEO2PLOVER-2021.txt and PLOVER_MANUAL.tex (CC BY-SA 4.0, OEDA)
  data/ngec-plover-assets/PLOVER_structured_codebook_updated.csv (MIT)

Project decisions applied here (documented in docs/coding-rules.md):
  * QuadClass follows GDELT: roots 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4.
  * CAMEO 01 (statements) has no PLOVER type (the manual drops it).
  * CAMEO 02 (appeal) maps to REQUEST (the manual drops it; flashpoint keeps
    appeals as the mildest form of request).
  * CAMEO 057 (sign formal agreement) maps to AGREE, not SUPPORT: our gold's coding rules
    (../shared/gold/dev/README.md: "ceasefire, deal, signed agreement AGREE") code a signed deal
    as the agreement it is; the manual's SUPPORT reading is for endorsing another's agreement.
  * CAMEO 163 (impose embargo, boycott, or sanctions) maps to SANCTION 'discontinue', not COERCE
    'restrict': the PLOVER manual's own SANCTION section codes "international (political or economic)
    sanctions" as 'discontinue', and our gold's rules say "sanctions ... SANCTION"; CAMEO2PLOVER-2021's
    line disagrees with the manual (the learned engine already typed sanctions SANCTION, the rules engine
    COERCE: one act, two types).
  * 4-digit codes without their own line inherit their 3-digit parent's mapping.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "flashpoint" / "resources" / "ontology"
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
NAME_FIXES = {"044": "Meet at a third location"}


def read_icews_names(path: Path) -> dict[str, str]:
    """CAMEO names as the CAMEO manual words them (ICEWS codebook table, cp1252 with mojibake)."""
    names = {}
    with path.open(encoding="cp1252") as f:
        for row in csv.DictReader(f):
            name = row["name"].strip()
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                name = name.encode("mac_roman").decode("utf-8")
            names[row["code"].strip()] = name
    return names


def gdelt_quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def read_tsv(path: Path) -> dict[str, str]:
    rows = {}
    with path.open(encoding="utf-8", errors="replace") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0].strip():
                rows[parts[0].strip()] = parts[1].strip()
    return rows


def read_cameo2plover(path: Path) -> dict[str, tuple[str, str, str]]:
    mapping: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m or len(m.group(1)) == 2:
            continue
        body = m.group(2).split("#", 1)[0]
        fields = [f.strip() for f in body.split(",")] + ["", ""]
        event, mode, context = fields[0], fields[1], fields[2]
        context = ";".join(c.strip() for c in context.split(";") if c.strip())
        code = m.group(1)
        if event in PLOVER_TYPES and code not in mapping:
            mapping[code] = (event, mode.replace(" ", ""), context)
    return mapping


def plover_for(code: str, table: dict[str, tuple[str, str, str]]) -> tuple[str, str, str]:
    root = code[:2]
    if root == "01":
        return ("", "", "")
    if root == "02":
        return ("REQUEST", "", "")
    if code.startswith("057"):
        return ("AGREE", "", table.get("057", ("", "", ""))[2])
    if code.startswith("163"):
        return ("SANCTION", "discontinue", table.get("163", ("", "", ""))[2])
    for key in (code, code[:3]):
        if key in table:
            return table[key]
    if len(code) == 2:
        for key in sorted(k for k in table if k.startswith(code) and len(k) == 3):
            return (table[key][0], "", "")
    return ("", "", "")


def read_plover_types(manual: Path, codebook: Path) -> list[tuple[str, int, str, str]]:
    tex = manual.read_text(encoding="utf-8")
    recipient: dict[str, str] = {}
    for name in PLOVER_TYPES:
        m = re.search(r"\\section\{" + name + r"\}(.*?)(?=\\section\{)", tex, re.S)
        req = re.search(r"Requires recipient:\s*(Yes|No)", m.group(1)) if m else None
        recipient[name] = (req.group(1).lower() if req else "no")
    modes: dict[str, list[str]] = {name: [] for name in PLOVER_TYPES}
    with codebook.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            ev, mode = row["event"].strip(), row["mode"].strip()
            if ev in modes and mode and mode not in modes[ev]:
                modes[ev].append(mode)
    quad = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
            "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
            "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
    return [(n, quad[n], recipient[n], ",".join(modes[n])) for n in PLOVER_TYPES]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.environ.get("FLASHPOINT_SHARED", str(ROOT.parent / "shared")))
    args = parser.parse_args(argv)
    data = Path(args.shared) / "data"
    names = read_tsv(data / "gdelt-cameo-lookups" / "CAMEO.eventcodes.txt")
    manual_names = read_icews_names(data / "icews-cameo-codebook" / "cameo-codes.csv")
    goldstein = read_tsv(data / "gdelt-cameo-lookups" / "CAMEO.goldsteinscale.txt")
    table = read_cameo2plover(data / "plover-spec" / "CAMEO2PLOVER-2021.txt")
    OUT.mkdir(parents=True, exist_ok=True)
    header = [
        "# CAMEO event codes for flashpoint: name, Goldstein value, QuadClass, PLOVER mapping.",
        "# GENERATED by tools/gen_ontology.py; do not edit by hand.",
        "# Sources: code list and Goldstein values from GDELT CAMEO.eventcodes.txt / CAMEO.goldsteinscale.txt",
        "#   (GDELT open data, cite the GDELT Project; copies from mpiccirilli/UNDP-BCPR-Project@08d29bb4);",
        "#   names from the CAMEO manual via the ICEWS codebook table (andybega/icews@c9548940, MIT; GDELT's",
        "#   names for 101-108 are shifted); PLOVER mapping from CAMEO2PLOVER-2021.txt",
        "#   (openeventdata/PLOVER@e834df5b, CC BY-SA 4.0, Open Event Data Alliance).",
        "# Goldstein values: GDELT table. quad_class: GDELT convention (roots 01-05=1 verbal cooperation,",
        "#   06-09=2 material cooperation, 10-14=3 verbal conflict, 15-20=4 material conflict).",
        "# plover: empty for root 01 (statements, dropped by PLOVER); root 02 (appeal) -> REQUEST, 057 (sign formal agreement) -> AGREE, 163 (sanctions) -> SANCTION discontinue (flashpoint rules, after the PLOVER manual).",
        "code\tname\tgoldstein\tquad_class\tplover\tmode\tcontext",
    ]
    lines = []
    for code, name in names.items():
        name = manual_names.get(code) or NAME_FIXES.get(code, name.strip())
        if code not in goldstein:
            continue
        event, mode, context = plover_for(code, table)
        lines.append(f"{code}\t{name}\t{float(goldstein[code]):.1f}\t{gdelt_quad(code)}\t{event}\t{mode}\t{context}")
    (OUT / "cameo.tsv").write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    types = read_plover_types(data / "plover-spec" / "PLOVER_MANUAL.tex",
                              data / "ngec-plover-assets" / "PLOVER_structured_codebook_updated.csv")
    plover_header = [
        "# The 16 PLOVER event types (PLOVER manual draft 2.0) for flashpoint.",
        "# GENERATED by tools/gen_ontology.py; do not edit by hand.",
        "# Sources: PLOVER_MANUAL.tex (openeventdata/PLOVER@5e0c24fb, CC BY-SA 4.0): quad category and",
        "#   'Requires recipient'; modes from NGEC PLOVER_structured_codebook_updated.csv (MIT).",
        "# quad: PLOVER's own quad table (SANCTION is verbal conflict there); event QuadClass uses CAMEO/GDELT.",
        "type\tquad\trequires_recipient\tmodes",
    ]
    plover_lines = [f"{n}\t{q}\t{r}\t{m}" for n, q, r, m in types]
    (OUT / "plover.tsv").write_text("\n".join(plover_header + plover_lines) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote {len(lines)} CAMEO codes and {len(plover_lines)} PLOVER types to {OUT}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
