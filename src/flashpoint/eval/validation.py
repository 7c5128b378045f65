"""CAMEO root accuracy on single-sentence gold sets.

* PETR-2 GSR (``universalpetrarch-validation/english-PETR2-GSR``): real-news English
  sentences with gold CAMEO codes (78 sentences, 12 without events).
* PLOVER gold records (``plover-spec/gold_standard_records``): the CAMEO manual's example
  sentences coded in PLOVER. Their CAMEO code is recovered by joining the sentence
  text with the CAMEO codebook examples (``icews-cameo-codebook``); records that do
  not join are scored on the PLOVER type only (old names mapped to PLOVER 2.0).

Matching, per sentence with gold events: *correct* when one predicted event has a
gold root (any modality: the sets code hypothetical and negated statements too);
*covered* when any event was predicted. Precision: correct / covered. Sentences
without gold events count as false alarms when something is predicted.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass

from ..records import Doc
from .runner import article_from_text, run, shared_dir

OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    text: str
    roots: frozenset[str]  # empty: no event expected, or not known
    plover: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class RootScore:
    name: str
    sentences: int  # with gold events (and a known root, for root scores)
    covered: int
    correct: int
    empty: int  # sentences expecting no event
    false_alarms: int
    plover_sentences: int = 0
    plover_correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.sentences if self.sentences else 0.0

    @property
    def coverage(self) -> float:
        return self.covered / self.sentences if self.sentences else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.covered if self.covered else 0.0


def petr2_sentences() -> list[GoldSentence]:
    path = shared_dir() / "data" / "universalpetrarch-validation" / "english-PETR2-GSR" / "PETR2_GSR_validation.xml"
    raw = path.read_text(encoding="utf-8", errors="replace")
    out = []
    for block in raw.split("<Sentence ")[1:]:
        ident = re.search(r'id="([^"]+)"', block)
        text = re.search(r"<Text>(.*?)</Text>", block, re.S)
        if not ident or not text:
            continue
        codes = re.findall(r'<EventCoding[^>]*eventcode="([0-9]+)"', block)
        out.append(GoldSentence(ident.group(1), " ".join(text.group(1).split()), frozenset(c[:2] for c in codes)))
    return out


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def plover_gsr_sentences() -> list[GoldSentence]:
    data = shared_dir() / "data"
    records = json.loads((data / "plover-spec" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    examples: dict[str, str] = {}
    with (data / "icews-cameo-codebook" / "cameo-codes.csv").open(encoding="cp1252") as f:
        for row in csv.DictReader(f):
            if row["example"] not in ("", "NA"):
                examples[_norm(row["example"])] = row["code"]
    out = []
    for rec in records:
        if rec.get("event") == "DOCUMENT" or not rec.get("text"):
            continue
        code = examples.get(_norm(rec["text"]))
        plover = OLD_PLOVER.get(rec["event"], rec["event"])
        out.append(GoldSentence(rec["id"], rec["text"], frozenset({code[:2]}) if code else frozenset(), frozenset({plover})))
    return out


def _predicted(docs: list[Doc]) -> list[tuple[set[str], set[str]]]:
    return [({(e.cameo or "")[:2] for e in d.events}, {e.plover for e in d.events}) for d in docs]


def score_roots(name: str, sentences: list[GoldSentence], isolated: bool = False) -> RootScore:
    sentences = [s for s in sentences if s.text.strip()]  # the PETR-2 file has a record with no text
    articles = [article_from_text(s.text, s.id) for s in sentences]
    docs = run(articles, isolated=isolated)
    preds = _predicted(docs)
    has_root = [bool(s.roots) for s in sentences]
    scored = [(s, p) for s, p, ok in zip(sentences, preds, has_root, strict=True) if ok]
    empty = [(s, p) for s, p in zip(sentences, preds, strict=True) if not s.roots and not s.plover]
    with_plover = [(s, p) for s, p in zip(sentences, preds, strict=True) if s.plover]
    return RootScore(
        name=name,
        sentences=len(scored),
        covered=sum(1 for _, (roots, _) in scored if roots),
        correct=sum(1 for s, (roots, _) in scored if roots & s.roots),
        empty=len(empty),
        false_alarms=sum(1 for _, (roots, _) in empty if roots),
        plover_sentences=len(with_plover),
        plover_correct=sum(1 for s, (_, types) in with_plover if types & s.plover),
    )
