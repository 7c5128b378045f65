#!/usr/bin/env python3
"""Error analysis of the events stage on a gold set, by class: which stage lost each missed event.

usage: python tools/event_misses.py [--set dev|seeds] [--show N] [--fp]

For every core gold event the pipeline did not find, the sentence holding its evidence is
re-read and the miss is put in one class:

* ``no-sentence``   the evidence is not in the clean text (cleaning changed it);
* ``not-parsed``    the sentence has no actor mention, so no engine read it;
* ``no-trigger``    the model found no trigger of an accepted type in the sentence;
* ``no-country``    a trigger of the right type, but a side's actor has no country;
* ``wrong-roles``   a trigger of the right type, actors with countries, but not the gold pair;
* ``dropped``       the model's trigger had the right type and pair, but no event came out
  (modality, decoding rules).

False positives (``--fp``) are grouped by predicted type. Counts come first, then examples.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from flashpoint.eval.runner import export_records, run  # noqa: E402
from flashpoint.eval.seeds import load_scorer  # noqa: E402
from flashpoint.eval.shared_dev import dev_articles, dev_gold_events  # noqa: E402
from flashpoint.stages.events.learned.features import SentenceView  # noqa: E402
from flashpoint.stages.events.learned.flat import flat_sentence  # noqa: E402
from flashpoint.stages.events.learned.model import load_model  # noqa: E402
from flashpoint.stages.nlp import parse_sentences  # noqa: E402


def sentence_of(doc, evidence: str):
    text = doc.article.text
    key = evidence[:40]
    at = text.find(key)
    if at < 0:
        return None
    return doc.sentence_at(at)


def classify(doc, gold: dict, model) -> tuple[str, str]:
    sent = sentence_of(doc, gold["evidence"])
    if sent is None:
        return "no-sentence", ""
    inside = [(i, m) for i, m in enumerate(doc.mentions) if m.start < sent.end and m.end > sent.start]
    if not inside:
        return "not-parsed", sent.text[:140]
    parsed = parse_sentences(doc.nlp, [(sent.start, sent.end)])[0]
    base = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand").start_char
    view = SentenceView.build(parsed, base, inside)
    fs = flat_sentence(doc.nlp, sent.start, sent.end, inside)
    triggers = [model.with_roles(t, view) for t in model.read([fs], threshold=0.0)] if fs else []
    right = [t for t in triggers if t.plover in gold["plover"] and t.score >= 0.5]
    mentions = ", ".join(f"{m.text}={m.country or '-'}" for _, m in inside)
    if not right:
        best = sorted(triggers, key=lambda t: -t.score)[:3]
        got = ", ".join(f"{parsed[t.index].text}:{t.plover}:{t.score:.2f}" for t in best)
        return "no-trigger", f"{sent.text[:140]} || got {got} || actors {mentions}"
    for t in right:
        srcs = [r for r in t.roles if r.source >= 0.4]
        tgts = [r for r in t.roles if r.target >= 0.4]
        detail = (f"trigger {parsed[t.index].text}:{t.plover}:{t.score:.2f} src "
                  f"{[(r.slot.mention.text, r.slot.mention.country, round(r.source, 2)) for r in srcs]} tgt "
                  f"{[(r.slot.mention.text, r.slot.mention.country, round(r.target, 2)) for r in tgts]}")
        if any(r.slot.mention.country is None for r in srcs + tgts):
            return "no-country", f"{sent.text[:140]} || {detail} || actors {mentions}"
        if any(r.slot.mention.country in gold["source"] for r in srcs) and any(
                r.slot.mention.country in gold["target"] for r in tgts):
            return "dropped", f"{sent.text[:140]} || {detail}"
    return "wrong-roles", f"{sent.text[:140]} || {detail} || actors {mentions}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=8, help="examples per class")
    parser.add_argument("--fp", action="store_true", help="also list false positives by type")
    args = parser.parse_args()
    gold = dev_gold_events()
    docs = run(dev_articles())  # docs without nlp: re-run nlp for analysis below
    preds = [json.loads(json.dumps(p, ensure_ascii=False)) for p in export_records(docs)]
    scorer = load_scorer()
    matched = set()
    fps = []
    for p in preds:
        if p.get("modality") in ("hypothetical", "negated"):
            continue
        hits = [g for g in gold if scorer.matches(g, p) and set(g["modality"]) - {"hypothetical", "negated"}]
        if hits:
            matched.update(g["id"] for g in hits)
        else:
            fps.append(p)
    from flashpoint.eval.runner import _stages
    from flashpoint.records import Doc

    model = load_model()
    classes: dict[str, list[str]] = defaultdict(list)
    by_doc = {a.doc: a for a in dev_articles()}
    cache = {}
    for g in gold:
        if not g["core"] or g["id"] in matched:
            continue
        if g["doc"] not in cache:
            doc = Doc(article=by_doc[g["doc"]])
            for stage in _stages():
                if stage.name in ("events", "attach"):
                    continue
                doc = stage(doc)
            cache[g["doc"]] = doc
        kind, detail = classify(cache[g["doc"]], g, model)
        classes[kind].append(f"{g['id']} {'/'.join(g['source'])}->{'/'.join(g['target'])} {'/'.join(g['plover'])}: {detail}")
    print("misses by class: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(classes.items(), key=lambda kv: -len(kv[1]))))
    for kind, rows in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print(f"\n== {kind} ({len(rows)})")
        for row in rows[:args.show]:
            print("  " + row)
    if args.fp:
        by_type = Counter(p["plover"] for p in fps)
        print(f"\nfalse positives {len(fps)}: " + ", ".join(f"{k} {v}" for k, v in by_type.most_common()))
        for p in fps:
            why = (p.get("reason") or "")[:60]
            print(f"  {p['doc']} {p['source'].get('country')}->{(p.get('target') or {}).get('country')} {p['plover']} "
                  f"[{p.get('modality')}] {why} :: {(p.get('evidence') or '')[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
