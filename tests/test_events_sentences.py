"""The events stage on the project's own labelled news sentences (tests/data/event_sentences.jsonl).

Each line gives the events an analyst expects (source, target, PLOVER type,
modality) and optional ones that are acceptable but not required. Asserted-like
modalities (asserted, reported, claimed, intended) are one class; hypothetical and
negated must match exactly. The set is scored as a whole against a pinned floor.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.eval.simple_actors import simple_mentions
from flashpoint.ontology import PLOVER_TYPES
from flashpoint.records import Article, Doc

DATA = Path(__file__).parent / "data" / "event_sentences.jsonl"
HEDGED = {"hypothetical", "negated"}
FLOOR_PRECISION = 0.90
FLOOR_RECALL = 0.95


def _class(modality: str) -> str:
    return modality if modality in HEDGED else "real"


@pytest.fixture(scope="module")
def cases():
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def results(cases):
    from flashpoint.stages.events import EventsStage
    from flashpoint.stages.nlp import NLPStage

    nlp, events = NLPStage(), EventsStage()
    out = []
    for case in cases:
        doc = nlp(Doc(article=Article(key="k", doc="d", text=case["text"])))
        doc = events(doc.replace(mentions=simple_mentions(case["text"])))
        out.append((case, doc))
    return out


def test_the_set_covers_every_plover_type_and_modality(cases):
    types = {e["plover"] for c in cases for e in c["events"]}
    modalities = {e["modality"] for c in cases for e in c["events"]}
    assert types == set(PLOVER_TYPES)
    assert modalities >= {"asserted", "reported", "claimed", "intended", "hypothetical", "negated"}
    assert len(cases) >= 60


def test_precision_and_recall_on_labelled_sentences(results):
    tp = fp = fn = 0
    problems = []
    for case, doc in results:
        got = {(e.source.country, e.target.country if e.target else None, e.plover, _class(e.modality))
               for e in doc.events}
        want = {(x["source"], x["target"], x["plover"], _class(x["modality"])) for x in case["events"]}
        optional = {(x["source"], x["target"], x["plover"]) for x in case.get("optional", [])}
        extra = {g for g in got - want if g[3] == "real" and g[:3] not in optional}
        tp += len(want & got)
        fn += len(want - got)
        fp += len(extra)
        if want - got or extra:
            problems.append(f"{case['text']}: missing {sorted(want - got)} extra {sorted(extra)}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    assert precision >= FLOOR_PRECISION and recall >= FLOOR_RECALL, "\n".join(problems)
