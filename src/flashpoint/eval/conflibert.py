"""The ConfliBERT CAMEO test split: 451 real news sentences, never trained on.

Gold: our PLOVER labels (``conflibert-cameo/plover_labels.jsonl``, split ``test``: types, source
and target countries, modality) and the split's source/target actor spans (``cameo_ner_test.txt``,
BIO tags ``S``/``T``/``R``, the same 451 sentences in the same order). Each sentence runs through
the whole pipeline as one article. Reported:

* event / no event per sentence (the set was chosen for events: few sentences have none);
* right type: a predicted event has one of the sentence's gold PLOVER types;
* events: ``score.py`` matching (source country, target country, type) with each sentence as a
  document, every labelled event core;
* role spans: a gold ``S`` (``T``) span is found when a predicted event's source (target) text
  overlaps it; precision over the predicted sources (targets).
"""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass

from .runner import article_from_text, export_records, run, shared_dir
from .seeds import load_scorer


@dataclass(frozen=True, slots=True)
class ConfliScore:
    sentences: int
    with_events: int
    detected: int
    typed: int
    no_event: int
    false_alarms: int
    f1: float
    precision: float
    recall: float
    role_found: dict[str, tuple[int, int]]  # S/T -> (found, gold)
    role_precise: dict[str, tuple[int, int]]  # S/T -> (overlapping a gold span, predicted)


def _sentences() -> list[tuple[str, list[dict], dict[str, list[tuple[int, int]]]]]:
    base = shared_dir() / "data" / "conflibert-cameo"
    texts = [line.rsplit("\t", 1)[0] for line in (base / "cameo_class_test.tsv").read_text(encoding="utf-8").split("\n") if line]
    labels: dict[int, list[dict]] = {}
    for raw in (base / "plover_labels.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(raw)
        if rec["split"] == "test":
            labels[rec["line"]] = rec["events"]
    blocks = (base / "cameo_ner_test.txt").read_text(encoding="utf-8").strip().split("\n\n")
    out = []
    for n, (text, block) in enumerate(zip(texts, blocks, strict=False)):
        spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": []}
        cursor = 0
        current: tuple[str, int, int] | None = None
        for line in block.split("\n"):
            parts = line.split()
            if len(parts) < 2:
                continue
            token, tag = parts[0], parts[-1]
            at = text.find(token, cursor)
            if at < 0:
                continue
            cursor = at + len(token)
            role = tag[2:] if len(tag) > 2 else ""
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[0] != role)):
                if current and current[0] in spans:
                    spans[current[0]].append((current[1], current[2]))
                current = (role, at, cursor)
            elif tag.startswith("I-") and current is not None:
                current = (current[0], current[1], cursor)
            else:
                if current and current[0] in spans:
                    spans[current[0]].append((current[1], current[2]))
                current = None
        if current and current[0] in spans:
            spans[current[0]].append((current[1], current[2]))
        out.append((text, labels.get(n, []), spans))
    return out


def score_conflibert() -> ConfliScore:
    rows = _sentences()
    docs = run([article_from_text(text, f"conflibert-test-{n}") for n, (text, _, _) in enumerate(rows)])
    gold = []
    for n, (_, events, _) in enumerate(rows):
        for k, ev in enumerate(events):
            gold.append({"doc": f"conflibert-test-{n}", "id": f"c{n}-{k}", "source": ev["source"], "target": ev["target"],
                         "plover": ev["plover"], "cameo_root": ev.get("cameo_root") or [], "modality": ev["modality"],
                         "core": True})
    preds = [json.loads(json.dumps(p, ensure_ascii=False)) for p in export_records(docs)]
    scorer = load_scorer()
    with contextlib.redirect_stdout(io.StringIO()):
        f1, precision, recall = scorer.score(gold, preds, verbose=False)
    with_events = detected = typed = no_event = alarms = 0
    found = {"S": [0, 0], "T": [0, 0]}
    precise = {"S": [0, 0], "T": [0, 0]}
    for (text, events, spans), doc in zip(rows, docs, strict=True):
        types = {e.plover for e in doc.events}
        if events:
            with_events += 1
            detected += bool(doc.events)
            typed += bool(types & {t for ev in events for t in ev["plover"]})
        else:
            no_event += 1
            alarms += bool(doc.events)
        # the offsets of the clean text equal the sentence's when cleaning left it whole
        if doc.article.text != text:
            continue
        for role, attr in (("S", "source"), ("T", "target")):
            predicted = {(a.start, a.end) for e in doc.events if (a := getattr(e, attr)) is not None and a.start is not None}
            for start, end in spans[role]:
                found[role][1] += 1
                found[role][0] += any(s < end and e > start for s, e in predicted)
            for s, e in predicted:
                precise[role][1] += 1
                precise[role][0] += any(s < end and e > start for start, end in spans[role])
    return ConfliScore(len(rows), with_events, detected, typed, no_event, alarms, f1, precision, recall,
                       {k: (v[0], v[1]) for k, v in found.items()}, {k: (v[0], v[1]) for k, v in precise.items()})
