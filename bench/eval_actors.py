"""Measure the actors stage: seed people, PLOVER gold actors, PETRARCH-2 real-news gold actors.

Run: ``.venv/bin/python bench/eval_actors.py`` (``--verbose`` lists the misses).
``measure()`` returns the figures as a dict for ``make eval``.

Figures
-------
* seeds: every person in ``gold/seeds.facts.json`` must get the right country. The
  seed files are read raw (no cleaning) and run through NLP + actors without a date.
* PLOVER gold records (``plover-spec/gold_standard_records/PLOVER_GSR_CAMEO.txt``): each
  source/target actor has ``actorText``, ``code`` (ISO3 or IGO) and, for some, ``sector``.
  Each sentence is run with the record's date (2000-01-01).
* PETR2 GSR (``universalpetrarch-validation/english-PETR2-GSR/PETR2_GSR_validation.xml``):
  real-news sentences with CAMEO event codings; actor codes such as ``USAGOV``,
  ``IGOUNOMIL``, ``---REB`` are split into country (first three letters: ISO3, ``IGO``,
  or ``---`` = none) and sector (the next three letters when they are a CAMEO agent code).

Two scores per gold set:
* ``any``: the brief's measure: some mention in the sentence has the gold country
  (country accuracy) / the gold country and sector (sector accuracy);
* ``aligned`` (PLOVER only, which marks the actor's text): the mention overlapping the
  gold actor text has the gold country / sector. ``coverage`` is the share of gold actors
  with an overlapping mention.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FLASHPOINT_SHARED", REPO.parent / "shared")).resolve()
PLOVER = SHARED / "data" / "plover-spec" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"
PETR2 = SHARED / "data" / "universalpetrarch-validation" / "english-PETR2-GSR" / "PETR2_GSR_validation.xml"
AGENT_TABLE = SHARED / "data" / "cameo-actor-country-quad-tables" / "cameo_actor_type.std.csv"
EXTRA_AGENTS = {"ELI", "PTY", "SPY", "UAF", "CRM", "PPL", "JRN", "SOC"}


@dataclass(frozen=True, slots=True)
class GoldActor:
    sentence: int
    country: str | None  # ISO3, "IGO", or None for "no country" (---)
    sector: str | None
    text: str | None  # the actor's words, when the gold marks them
    code: str


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    text: str
    date: str | None
    actors: tuple[GoldActor, ...]


# ---------------------------------------------------------------- converters
def agent_codes() -> set[str]:
    with AGENT_TABLE.open(encoding="utf-8") as handle:
        return {row["a_type_code"] for row in csv.DictReader(handle)} | EXTRA_AGENTS


def iso_codes() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def plover_gold() -> list[GoldSentence]:
    """The PLOVER gold records with at least one actor whose code is ISO3 or IGO."""
    records = json.loads(PLOVER.read_text(encoding="utf-8"))
    isos = iso_codes()
    out = []
    for n, record in enumerate(r for r in records if r.get("text")):
        actors = []
        for role in ("source", "target"):
            value = record.get(role)
            for actor in value if isinstance(value, list) else [value] if isinstance(value, dict) else []:
                if not isinstance(actor, dict):
                    continue
                code = (actor.get("code") or "").strip()
                if code != "IGO" and code not in isos:
                    continue  # e.g. "JAP", "ITL": not ISO codes, cannot be scored
                sector = (actor.get("sector") or "")[:3].upper() or None
                if sector == "***":
                    sector = None
                actors.append(GoldActor(n, code, sector, actor.get("actorText"), code + (actor.get("sector") or "")))
        text = record["text"].strip().strip("{}").strip()
        if actors:
            out.append(GoldSentence(record.get("id", str(n)), text, record.get("date"), tuple(actors)))
    return out


def parse_cameo_actor(code: str, isos: set[str], agents: set[str]) -> tuple[str | None, str | None, bool]:
    """(country, sector, scorable) of a CAMEO actor code such as USAGOV, IGOUNOMIL, ---REB, PSEGZA."""
    code = code.strip().upper()
    if len(code) < 3:
        return None, None, False
    head, rest = code[:3], code[3:]
    if head == "---":
        country: str | None = None
    elif head == "IGO":
        country, rest = "IGO", rest[3:]
    elif head in isos:
        country = head
    else:
        return None, None, False
    sector = rest[:3] if rest[:3] in agents else None
    return country, sector, country is not None or sector is not None


def petr2_gold() -> list[GoldSentence]:
    raw = PETR2.read_text(encoding="utf-8")
    isos, agents = iso_codes(), agent_codes()
    out = []
    for block in raw.split("<Sentence ")[1:]:
        ident = re.search(r'id="([^"]+)"', block)
        date = re.search(r'date="(\d{8})"', block)
        text = re.search(r"<Text>(.*?)</Text>", block, re.S)
        if not text:
            continue
        actors = []
        seen = set()
        for coding in re.findall(r"<EventCoding [^>]*>", block):
            for attr in ("sourcecode", "targetcode"):
                found = re.search(attr + r'="([^"]*)"', coding)
                if not found or found.group(1) in seen:
                    continue
                seen.add(found.group(1))
                country, sector, ok = parse_cameo_actor(found.group(1), isos, agents)
                if ok:
                    actors.append(GoldActor(len(out), country, sector, None, found.group(1)))
        if actors:
            d = date.group(1) if date else None
            iso_date = f"{d[:4]}-{d[4:6]}-{d[6:]}" if d else None
            out.append(
                GoldSentence(ident.group(1) if ident else "", " ".join(text.group(1).split()), iso_date, tuple(actors))
            )
    return out


# ---------------------------------------------------------------- running the stage
class Runner:
    def __init__(self) -> None:
        from flashpoint.stages.actors import ActorsStage
        from flashpoint.stages.nlp import NLPStage

        self.nlp = NLPStage()
        self.actors = ActorsStage()

    def mentions(self, texts: list[tuple[str, str | None]]) -> list[Any]:
        from flashpoint.records import Article, Doc

        docs = [Doc(article=Article(key=str(i), doc=str(i), text=t, published=d)) for i, (t, d) in enumerate(texts)]
        return [self.actors(d).mentions for d in self.nlp.pipe(docs)]


def _pct(hit: int, total: int) -> float | None:
    return round(100.0 * hit / total, 1) if total else None


def score(gold: list[GoldSentence], runner: Runner, misses: list[str] | None = None) -> dict[str, Any]:
    found = runner.mentions([(g.text, g.date) for g in gold])
    c_tot = c_hit = s_tot = s_hit = 0
    a_tot = a_cov = a_c_hit = a_s_tot = a_s_hit = 0
    for sentence, mentions in zip(gold, found, strict=True):
        for actor in sentence.actors:
            if actor.country is not None:
                c_tot += 1
                ok = any(m.country == actor.country for m in mentions)
                c_hit += ok
                if not ok and misses is not None:
                    misses.append(f"country {actor.code:<10} {actor.text or ''!r:<30} | {sentence.text[:110]}")
            if actor.sector is not None:
                s_tot += 1
                ok = any(m.country == actor.country and m.sector == actor.sector for m in mentions)
                s_hit += ok
                if not ok and misses is not None:
                    got = [(m.text, m.country, m.sector) for m in mentions]
                    misses.append(
                        f"sector  {actor.code:<10} {actor.text or ''!r:<30} got {got[:4]} | {sentence.text[:80]}"
                    )
            if actor.text and actor.country is not None:
                span = _locate(sentence.text, actor.text)
                if span is None:
                    continue
                a_tot += 1
                over = [m for m in mentions if m.start < span[1] and span[0] < m.end]
                if over:
                    a_cov += 1
                    a_c_hit += any(m.country == actor.country for m in over)
                    if actor.sector is not None:
                        a_s_tot += 1
                        a_s_hit += any(m.sector == actor.sector for m in over)
    result: dict[str, Any] = {
        "sentences": len(gold),
        "actors_with_country": c_tot,
        "country_accuracy": _pct(c_hit, c_tot),
        "actors_with_sector": s_tot,
        "sector_accuracy": _pct(s_hit, s_tot),
    }
    if a_tot:
        result.update(
            aligned_actors=a_tot,
            coverage=_pct(a_cov, a_tot),
            aligned_country_accuracy=_pct(a_c_hit, a_cov),
            aligned_sector_accuracy=_pct(a_s_hit, a_s_tot),
        )
    return result


def _locate(text: str, words: str) -> tuple[int, int] | None:
    words = words.strip().strip("()")
    at = text.find(words)
    if at < 0:
        at = text.lower().find(words.lower())
    return (at, at + len(words)) if at >= 0 else None


def seeds_people(runner: Runner, misses: list[str] | None = None) -> dict[str, Any]:
    facts = json.loads((SHARED / "gold" / "seeds.facts.json").read_text(encoding="utf-8"))
    names = sorted(facts)
    texts = [((SHARED / "seeds" / f"{name}.txt").read_text(encoding="utf-8"), None) for name in names]
    total = hit = 0
    for name, mentions in zip(names, runner.mentions(texts), strict=True):
        for person, country in facts[name].get("people", {}).items():
            total += 1
            last = person.split()[-1].lower()
            mine = [m for m in mentions if last in m.text.lower() and m.kind in {"person", "alias"}]
            ok = bool(mine) and all(m.country == country for m in mine)
            hit += ok
            if not ok and misses is not None:
                misses.append(f"seed person {person} expected {country}, got {[(m.text, m.country) for m in mine]}")
    return {"people": total, "correct": hit, "accuracy": _pct(hit, total)}


def measure(misses: list[str] | None = None) -> dict[str, Any]:
    runner = Runner()
    return {
        "seeds_people": seeds_people(runner, misses),
        "plover_gsr": score(plover_gold(), runner, misses),
        "petr2_gsr": score(petr2_gold(), runner, misses),
    }


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list the misses")
    args = parser.parse_args(list(argv) if argv is not None else None)
    misses: list[str] | None = [] if args.verbose else None
    figures = measure(misses)
    print(json.dumps(figures, indent=2))
    for line in misses or []:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
