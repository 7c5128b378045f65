"""Facts benchmark on the seed articles: places, quantities, equipment, people and event dates.

Runs the standard pipeline on ``../shared/seeds/*.txt`` and checks
``../shared/gold/seeds.facts.json``:

* places: a gold place is found when a place in the article resolves to the same
  gazetteer name (or the gold name is one of its names) with the same country;
* quantities: same value (to 0.1 %) and unit; whether ``of`` agrees is reported;
* equipment: the gold name is the catalog name or the text of a recognised system;
* people: person mentions from the actors stage (name and country).

Dates use ``seeds.events.jsonl``. Pipeline events are matched to gold events by
evidence overlap; because that depends on the events stage, the attach stage is
also measured on its own: an event is built on each gold evidence span and the
attached date compared with the gold date ("10-21" in the gold is "--10-21" here).

With ``--dev`` it scores the 56 real articles of ``../shared/gold/dev`` instead
(``dev.facts.json``): people with the right country (a person mention whose name holds the
gold name's last word; found without a country and with a wrong one are counted apart) and
places with the right country (a resolved place whose text or gazetteer name is the gold
name); gold places without a country are not scored.

Usage: python bench/eval_facts.py [--dev] [-v]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from flashpoint.config import Settings  # noqa: E402
from flashpoint.records import ActorRef, Article, Doc, Event  # noqa: E402
from flashpoint.stages import build_stages  # noqa: E402
from flashpoint.stages.attach import attach  # noqa: E402
from flashpoint.stages.places.gazetteer import load_gazetteer, normalise  # noqa: E402

SHARED = Path(os.environ.get("FLASHPOINT_SHARED") or REPO.parent / "shared")


def run_pipeline(path: Path) -> Doc:
    text = path.read_text(encoding="utf-8")
    doc = Doc(article=Article(key=path.stem, doc=path.stem, text=text))
    for stage in build_stages(Settings()):
        doc = stage(doc)
    return doc


def place_found(doc: Doc, gold: dict) -> bool:
    gaz = load_gazetteer()
    names = {normalise(gold["name"])} | {normalise(e.name) for e, _ in gaz.lookup(gold["name"])}
    for p in doc.places:
        if p.kind == "unresolved":
            continue
        if (normalise(p.name) in names or normalise(p.text) in names) and p.country == gold["country"]:
            return True
    return False


def quantity_found(doc: Doc, gold: dict) -> tuple[bool, bool]:
    for q in doc.quantities:
        if q.unit == gold["unit"] and abs(q.value - gold["value"]) <= 0.001 * abs(gold["value"]):
            return True, gold.get("of") is None or (q.of or "").casefold() == gold["of"].casefold()
    return False, False


def equipment_found(doc: Doc, name: str) -> bool:
    key = name.casefold()
    return any(
        e.name.casefold() == key or e.name.casefold().startswith(key + " ") or e.text.casefold().startswith(key)
        for e in doc.equipment
    )


def gold_date(value: str | None) -> str | None:
    if value and len(value) == 5 and value[2] == "-":
        return "--" + value  # "10-21": month-day without a year
    return value


def _words(text: str) -> str:
    """A name as " word word ": accents folded ("Erdoğan" = "Erdogan"), hyphens as spaces ("al-Assad")."""
    return f" {normalise(text.replace('’s', '').replace(chr(39) + 's', ''))} "


def person_outcome(doc: Doc, name: str, country: str) -> str:
    """``ok``, ``uncoded`` (found, no country), ``wrong`` (found, other country) or ``missed``.

    A person mention counts when its canonical name or its text holds the gold name's last word
    ("Dan-Ali" in "Mansur M. Dan-Ali", "Erdogan" in "Recep Tayyip Erdoğan")."""
    last = _words(name.split()[-1])
    found = [m for m in doc.mentions if m.kind == "person" and (last in _words(m.name or "") or last in _words(m.text))]
    if not found:
        return "missed"
    if any(m.country == country for m in found):
        return "ok"
    return "wrong" if any(m.country for m in found) else "uncoded"


def place_outcome(doc: Doc, gold: dict) -> str:
    """``ok``, ``wrong`` (found with another country) or ``missed``."""
    key = normalise(gold["name"])
    found = [p for p in doc.places if p.kind != "unresolved" and key in (normalise(p.text), normalise(p.name))]
    if not found:
        return "missed"
    return "ok" if any(p.country == gold["country"] for p in found) else "wrong"


def main_dev(verbose: bool) -> int:
    from flashpoint.eval.shared_dev import dev_articles, dev_gold_facts

    facts = dev_gold_facts()
    stages = build_stages(Settings())
    people: dict[str, int] = {"ok": 0, "uncoded": 0, "wrong": 0, "missed": 0}
    places: dict[str, int] = {"ok": 0, "wrong": 0, "missed": 0}
    for article in dev_articles():
        gold = facts.get(article.doc)
        if gold is None:
            continue
        doc = Doc(article=article)
        for stage in stages:
            doc = stage(doc)
        for name, country in gold["people"].items():
            outcome = person_outcome(doc, name, country)
            people[outcome] += 1
            if verbose or outcome != "ok":
                last = _words(name.split()[-1])
                got = sorted({f"{m.text}={m.country}" for m in doc.mentions if m.kind == "person"
                              and (last in _words(m.name or "") or last in _words(m.text))})
                print(f"  person {outcome:8s} {article.doc}: {name} ({country}) got {', '.join(got) or '-'}")
        for g in gold["places"]:
            if g["country"] is None:
                continue
            outcome = place_outcome(doc, g)
            places[outcome] += 1
            if verbose or outcome != "ok":
                key = normalise(g["name"])
                got = sorted({f"{p.text}={p.country}" for p in doc.places
                              if key in (normalise(p.text), normalise(p.name))})
                print(f"  place  {outcome:8s} {article.doc}: {g['name']} ({g['country']}) got {', '.join(got) or '-'}")
    n_people, n_places = sum(people.values()), sum(places.values())
    print("== development articles (../shared/gold/dev/dev.facts.json)")
    print(f"  people with the right country {people['ok']}/{n_people} = {people['ok'] / max(1, n_people):.3f} "
          f"(found without a country {people['uncoded']}, wrong country {people['wrong']}, not found {people['missed']})")
    print(f"  places with the right country {places['ok']}/{n_places} = {places['ok'] / max(1, n_places):.3f} "
          f"(wrong country {places['wrong']}, not found {places['missed']})")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--dev", action="store_true", help="score the shared development articles instead of the seeds")
    args = parser.parse_args()
    if args.dev:
        return main_dev(args.verbose)
    facts = json.loads((SHARED / "gold" / "seeds.facts.json").read_text(encoding="utf-8"))
    events = [
        json.loads(line) for line in (SHARED / "gold" / "seeds.events.jsonl").read_text().splitlines() if line.strip()
    ]
    totals = {"places": [0, 0], "quantities": [0, 0], "quantities_of": [0, 0], "equipment": [0, 0], "people": [0, 0]}
    date_iso = [0, 0]
    date_pipeline = [0, 0]
    for name, gold in facts.items():
        doc = run_pipeline(SHARED / "seeds" / f"{name}.txt")
        print(
            f"== {name}: {len(doc.places)} places, {len(doc.dates)} dates, {len(doc.quantities)} quantities, "
            f"{len(doc.equipment)} equipment, {len(doc.events)} events"
        )
        for g in gold["places"]:
            ok = place_found(doc, g)
            totals["places"][0] += ok
            totals["places"][1] += 1
            if args.verbose or not ok:
                print(f"  place     {'ok  ' if ok else 'MISS'} {g['name']} ({g['country']})")
        for g in gold["quantities"]:
            ok, of_ok = quantity_found(doc, g)
            totals["quantities"][0] += ok
            totals["quantities"][1] += 1
            if "of" in g:
                totals["quantities_of"][0] += of_ok
                totals["quantities_of"][1] += 1
            if args.verbose or not ok:
                print(
                    f"  quantity  {'ok  ' if ok else 'MISS'} {g['value']:g} {g['unit']} (of: {g.get('of')}; of matches: {of_ok})"
                )
        for g in gold["equipment"]:
            ok = equipment_found(doc, g)
            totals["equipment"][0] += ok
            totals["equipment"][1] += 1
            if args.verbose or not ok:
                print(f"  equipment {'ok  ' if ok else 'MISS'} {g}")
        persons = {m.name or m.text: m.country for m in doc.mentions if m.kind == "person"}
        for person, country in gold["people"].items():
            ok = any(person.split()[-1] in (k or "") and v == country for k, v in persons.items())
            totals["people"][0] += ok
            totals["people"][1] += 1
            if args.verbose or not ok:
                print(f"  person    {'ok  ' if ok else 'MISS'} {person} ({country}) [actors stage]")
        # dates: attach on the gold evidence spans
        text = doc.article.text
        probes = []
        for g in (e for e in events if e["doc"] == name):
            start = text.find(g["evidence"])
            if start < 0:
                continue
            probes.append((g, Event(start, start + len(g["evidence"]), g["evidence"], ActorRef(None), None, "PROBE")))
        attached = attach(doc.replace(events=tuple(p for _, p in probes)))
        for (g, _), ev in zip(probes, attached.events, strict=True):
            ok = ev.date == gold_date(g["date"])
            date_iso[0] += ok
            date_iso[1] += 1
            if args.verbose or not ok:
                print(
                    f"  date      {'ok  ' if ok else 'MISS'} {g['id']}: gold {g['date']} got {ev.date} ({ev.date_reason})"
                )
        for g in (e for e in events if e["doc"] == name and e.get("date")):
            start = text.find(g["evidence"])
            match = [e for e in doc.events if start >= 0 and e.start < start + len(g["evidence"]) and start < e.end]
            if match:
                date_pipeline[1] += 1
                date_pipeline[0] += any(e.date == gold_date(g["date"]) for e in match)
    print("== totals")
    for key, (ok, n) in totals.items():
        print(f"  {key:14s} {ok}/{n}")
    print(f"  dates (attach on gold evidence, all gold events) {date_iso[0]}/{date_iso[1]}")
    print(f"  dates (pipeline events matched to dated gold events) {date_pipeline[0]}/{date_pipeline[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
