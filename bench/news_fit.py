"""How much of the labelled real news the whole pipeline gives back, sentence by sentence (a training-set figure).

The real-news label files (``train/events/news/*.jsonl``, the manifest's ``news`` source) label every sentence
of about 900 real articles outside the development set: GeoWebNews, LGL, TR-News, GeoVirus and the extraction
benchmark's article bodies (the texts stay in ``../shared/data``). The events model was trained on these
sentences, so this is **not** a held-out figure: it shows what decoding, roles and actors lose on whole real
articles whose labels the trigger network has already seen, and it is a large set whose misses may be read by
class without touching the development set.

Each article runs through the whole pipeline as ``flashpoint ingest`` would. A labelled event (both countries
given, modality neither negated nor hypothetical) is *found* when an asserted event of the same sentence has its
source country, target country and PLOVER type; a predicted asserted event is *right* when its sentence has a
labelled event with those three. The labels follow the development set's rules and the label files' own
conventions (``train/events/news/CONVENTIONS.md``): they also list events whose actors are implicit ("Additional
charges are pending" is the state charging someone), which the development gold keeps out of its core.

usage: python bench/news_fit.py [--limit N] [--corpus PREFIX] [--misses N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from flashpoint.eval.runner import _stages  # noqa: E402
from flashpoint.records import Article, Doc, Item  # noqa: E402
from flashpoint.stages.clean import clean_item  # noqa: E402
from flashpoint.training import news  # noqa: E402

HEDGED = frozenset({"negated", "hypothetical"})


def _key(text: str) -> str:
    return " ".join(text.split())[:50]


def labels() -> dict[tuple[str, str], list[dict]]:
    found: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for path in sorted((ROOT / "train" / "events" / "news").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                found[(rec["corpus"], rec["article"])].append(rec)
    return found


def run(limit: int | None, corpus: str, misses: int) -> None:
    by_article = labels()
    keys = sorted(k for k in by_article if k[0].startswith(corpus))
    random.Random(7).shuffle(keys)
    keys = keys[:limit] if limit else keys
    t0 = time.perf_counter()
    gold: list[tuple[str, str, str, str, str]] = []  # (sentence key, source, target, type, text)
    preds: list[tuple[str, str | None, str | None, str, str]] = []
    articles = 0
    for corpus_name, ident in keys:
        art = news.articles(corpus_name).get(ident)
        if art is None:
            continue
        sents = {news.sha(s): s for s in news.sentences(corpus_name, ident)}
        name = f"{corpus_name}-{ident}"
        for rec in by_article[(corpus_name, ident)]:
            sent = sents.get(rec["sha1"])
            if sent is None:
                continue  # cleaning moved the sentence since it was labelled
            for ev in rec["events"]:
                if ev.get("source") and ev.get("target") and (ev.get("modality") or "asserted") not in HEDGED:
                    gold.append((f"{name}|{_key(sent)}", ev["source"], ev["target"], ev["plover"], sent))
        cleaned = clean_item(Item(origin=name, text=art["text"], id=name, title=art.get("title") or None))
        if not isinstance(cleaned, Article):
            continue
        doc = Doc(article=cleaned)
        for stage in _stages(False):
            doc = stage(doc)
        articles += 1
        for e in doc.events:
            if e.modality not in HEDGED:
                preds.append((f"{name}|{_key(e.evidence)}", e.source.country, e.target.country, e.plover, e.evidence))
    seconds = time.perf_counter() - t0
    predicted = {(k, s, t, p) for k, s, t, p, _ in preds}
    labelled = {(k, s, t, p) for k, s, t, p, _ in gold}
    found = [g for g in gold if g[:4] in predicted]
    right = [p for p in preds if p[:4] in labelled]
    print(f"labelled real news, {articles} articles, {len(gold)} labelled events, {len(preds)} asserted predictions "
          f"({seconds:.0f} s; a training-set figure: the events model was fitted on these sentences)")
    print(f"  sentence level: recall {len(found)}/{len(gold)} = {len(found) / max(1, len(gold)):.3f}, "
          f"precision {len(right)}/{len(preds)} = {len(right) / max(1, len(preds)):.3f}")
    total, hit = Counter(g[3] for g in gold), Counter(g[3] for g in found)
    made, good = Counter(p[3] for p in preds), Counter(p[3] for p in right)
    for kind in sorted(total, key=lambda k: -total[k]):
        print(f"  {kind:10s} recall {hit[kind]:4d}/{total[kind]:4d} = {hit[kind] / total[kind]:.2f}   "
              f"precision {good[kind]:4d}/{made[kind]:4d} = {good[kind] / max(1, made[kind]):.2f}")
    if misses:
        in_sentence = defaultdict(list)
        for p in preds:
            in_sentence[p[0]].append(p)
        classes: dict[str, list[str]] = defaultdict(list)
        for g in gold:
            if g[:4] in predicted:
                continue
            there = in_sentence.get(g[0], [])
            if not there:
                kind = "no event in the sentence"
            elif not [p for p in there if p[3] == g[3]]:
                kind = "another type"
            else:
                kind = "the type, other countries"
            got = "; ".join(f"{p[1]}->{p[2]} {p[3]}" for p in there)
            classes[kind].append(f"{g[1]}->{g[2]} {g[3]} | {g[4][:140]}" + (f" | got {got}" if got else ""))
        for kind, rows in sorted(classes.items(), key=lambda kv: -len(kv[1])):
            print(f"  missed, {kind}: {len(rows)}")
            for row in rows[:misses]:
                print(f"      {row}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="articles, chosen by a fixed shuffle")
    parser.add_argument("--corpus", default="", help="only articles of corpora starting so (gwn, lgl, tr-news, ...)")
    parser.add_argument("--misses", type=int, default=0, help="print N missed events of each class")
    args = parser.parse_args()
    run(args.limit, args.corpus, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
