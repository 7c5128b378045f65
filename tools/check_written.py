"""Check the hand-written training sentences of ``train/events/written/*.jsonl`` and ``written/roles/*.jsonl``.

usage: python tools/check_written.py [FILE ...] [--no-overlap]

Every line must follow ``train/events/written/README.md``: the trigger and actor texts occur in
the sentence, types, CAMEO roots, country codes and modalities are valid, ids are unique.
Unless ``--no-overlap``, every 8-word window of every sentence is looked up in the shared
public texts (``../shared/data``: ConfliBERT, CASE 2021, geoparsing corpora, PLOVER gold, CAMEO
codebook, NGEC stories, PETR-2 sets): the sentences must be our own words. Prints a summary
(types, countries, tags) and one line per problem; exit 1 if any.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "reported", "claimed", "intended", "hypothetical", "negated"}
WINDOW = 8


def root_types() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    path = REPO / "src" / "flashpoint" / "resources" / "ontology" / "cameo.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("code\t"):
            continue
        cols = line.split("\t")
        if len(cols) > 4 and cols[4]:
            out.setdefault(cols[0][:2], set()).add(cols[4])
    return out


def countries() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"IGO", "XKX"}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def shared_windows() -> set[tuple[str, ...]]:
    texts: list[str] = []
    for path in SHARED.rglob("*"):
        if path.suffix in (".tsv", ".txt", ".xml", ".jsonl", ".json", ".csv") and path.stat().st_size < 30_000_000:
            if path.name.startswith(("Phoenix.", "CAMEO.2.0", "PETR.Validate")):
                continue
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    texts.append(z.read(name).decode("utf-8", errors="replace"))
    out: set[tuple[str, ...]] = set()
    for text in texts:
        w = words(text)
        out.update(tuple(w[i:i + WINDOW]) for i in range(len(w) - WINDOW + 1))
    return out


def occurrences(text: str, phrase: str) -> int:
    return len(re.findall(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text))


def check_line(rec: dict, roots: dict[str, set[str]], codes: set[str], limits: tuple[int, int] = (8, 600)) -> list[str]:
    problems = []
    text = rec.get("text")
    if not isinstance(text, str) or not limits[0] <= len(text) <= limits[1]:
        return [f"text missing or not {limits[0]}-{limits[1]} characters"]
    if not isinstance(rec.get("tags"), list):
        problems.append("tags must be a list")
    events = rec.get("events")
    if not isinstance(events, list):
        return problems + ["events must be a list"]
    if not events and "nonevent" not in (rec.get("tags") or []):
        problems.append("a sentence without events needs the tag 'nonevent'")
    for i, ev in enumerate(events):
        where = f"event {i + 1}"
        trig = ev.get("trigger")
        if not isinstance(trig, str) or not trig:
            problems.append(f"{where}: no trigger")
        else:
            n = occurrences(text, trig)
            want = ev.get("trigger_n", 1)
            if n == 0:
                problems.append(f"{where}: trigger {trig!r} not in the text as whole words")
            elif n > 1 and "trigger_n" not in ev:
                problems.append(f"{where}: trigger {trig!r} occurs {n} times: give trigger_n")
            elif want > n:
                problems.append(f"{where}: trigger_n {want} but {trig!r} occurs {n} times")
        if ev.get("plover") not in PLOVER:
            problems.append(f"{where}: plover {ev.get('plover')!r} is not a PLOVER 2.0 type")
        root = str(ev.get("cameo_root") or "")
        if not re.fullmatch(r"\d\d", root) or ev.get("plover") not in roots.get(root, set()):
            problems.append(f"{where}: cameo_root {root!r} does not map to {ev.get('plover')}")
        for side in ("source", "target"):
            span = ev.get(f"{side}_text")
            if not isinstance(span, str):
                problems.append(f"{where}: {side}_text must be a string ('' when not named)")
            elif span and span not in text:
                problems.append(f"{where}: {side}_text {span!r} not in the text")
            code = ev.get(side)
            if code is not None and code not in codes:
                problems.append(f"{where}: {side} {code!r} is not ISO3, IGO or null")
        if ev.get("modality") not in MODALITIES:
            problems.append(f"{where}: modality {ev.get('modality')!r}")
    return problems


def main(argv: list[str]) -> int:
    overlap = "--no-overlap" not in argv
    written = REPO / "train/events/written"
    files = [Path(a) for a in argv if not a.startswith("--")] or [*sorted(written.glob("*.jsonl")), *sorted(written.glob("roles/*.jsonl"))]
    roots, codes = root_types(), countries()
    windows = shared_windows() if overlap else set()
    seen: dict[str, str] = {}
    texts: dict[str, str] = {}
    bad = 0
    types: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    nations: Counter[str] = Counter()
    n = 0
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                print(f"{where}: not JSON ({err})")
                bad += 1
                continue
            n += 1
            problems = check_line(rec, roots, codes)
            ident = rec.get("id")
            if not ident or ident in seen:
                problems.append(f"id {ident!r} missing or already used at {seen.get(ident)}")
            seen[str(ident)] = where
            key = " ".join(words(rec.get("text") or ""))
            if key in texts:
                problems.append(f"same sentence as {texts[key]}")
            texts[key] = where
            if overlap:
                w = words(rec.get("text") or "")
                hit = next((" ".join(w[i:i + WINDOW]) for i in range(len(w) - WINDOW + 1)
                            if tuple(w[i:i + WINDOW]) in windows), None)
                if hit:
                    problems.append(f"8 words shared with a public text: {hit!r}")
            for p in problems:
                print(f"{where}: {p}")
            bad += bool(problems)
            tags.update(rec.get("tags") or [])
            for ev in rec.get("events") or []:
                types[ev.get("plover")] += 1
                nations.update(c for c in (ev.get("source"), ev.get("target")) if c and c != "IGO")
    print(f"{n} sentences, {sum(types.values())} events, {len(nations)} countries, {bad} with problems")
    print("types: " + ", ".join(f"{k} {v}" for k, v in types.most_common()))
    print("tags: " + ", ".join(f"{k} {v}" for k, v in tags.most_common()))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
