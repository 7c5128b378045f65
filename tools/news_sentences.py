#!/usr/bin/env python3
"""Real news sentences for labelling: the geoparsing corpora's articles that are not development data.

usage:
  python tools/news_sentences.py list CORPUS            articles (id, sentences, title); CORPUS: gwn, lgl, tr-news, geovirus, zyte
  python tools/news_sentences.py show CORPUS ID         the article's title and sentences, numbered, with their sha1
  python tools/news_sentences.py check FILE...          validate label files (train/events/news/*.jsonl)
  python tools/news_sentences.py renumber FILE...       re-anchor labels by SHA-1 after a cleaning change moved sentences

The articles come from ``../shared/data/geoparsing-gold`` (GPL-3.0 repository; the texts stay there:
labels refer to sentences by corpus, article id, number and the first 12 hex digits of the
sentence's SHA-1). The 56 articles of ``../shared/gold/dev/INDEX.tsv`` are excluded: they are the
development set. Sentences are flashpoint's own: the article is cleaned and split by the NLP stage
exactly as ``flashpoint ingest`` would; sentence 0 is the title.

A label line: ``{"corpus": "gwn", "article": "17", "sentence": 3, "sha1": "...", "events": [...],
"tags": [...]}`` with events as in ``train/events/written/README.md`` (trigger, plover, cameo_root,
source_text, source, target_text, target, modality), ``[]`` for a sentence without an event. Every
sentence of a labelled article must have a line, so the sentences without events teach the model
what is not an event.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


from flashpoint.training.news import articles, dev_ids, sentences, sha  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "list":
        for ident, art in sorted(articles(argv[1]).items(), key=lambda kv: (len(kv[0]), kv[0])):
            print(f"{ident}\t{len(art['text'].split())} words\t{art.get('title', '')[:90]}")
        return 0
    if len(argv) >= 3 and argv[0] == "show":
        for n, text in enumerate(sentences(argv[1], argv[2])):
            print(f"[{n}] {sha(text)} {text}")
        return 0
    if len(argv) >= 2 and argv[0] == "check":
        return check([Path(a) for a in argv[1:]])
    if len(argv) >= 2 and argv[0] == "renumber":
        return renumber([Path(a) for a in argv[1:]])
    print(__doc__)
    return 2


def check(paths: list[Path]) -> int:
    sys.path.insert(0, str(REPO / "tools"))
    from check_written import check_line, countries, root_types

    roots, codes = root_types(), countries()
    bad = 0
    seen: dict[tuple[str, str], set[int]] = {}
    types: Counter[str] = Counter()
    n = 0
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                rec = json.loads(line)
                sents = sentences(rec["corpus"], str(rec["article"]))
                text = sents[int(rec["sentence"])]
            except (KeyError, IndexError, ValueError, json.JSONDecodeError) as err:
                print(f"{where}: cannot read ({err!r})")
                bad += 1
                continue
            n += 1
            problems = []
            if (rec["corpus"], str(rec["article"])) in dev_ids():
                problems.append("a development article: never label it")
            if rec.get("sha1") != sha(text):
                problems.append(f"sha1 {rec.get('sha1')} is not sentence {rec['sentence']}'s ({sha(text)})")
            fake = {"text": text, "tags": rec.get("tags") or [], "events": rec.get("events")}
            if not rec.get("events"):
                fake["tags"] = [*fake["tags"], "nonevent"]
            if text.strip():
                problems += check_line(fake, roots, codes, limits=(1, 10_000))  # real sentences: any length
            key = (rec["corpus"], str(rec["article"]))
            if int(rec["sentence"]) in seen.setdefault(key, set()):
                problems.append("sentence labelled twice")
            seen[key].add(int(rec["sentence"]))
            for p in problems:
                print(f"{where}: {p}")
            bad += bool(problems)
            for ev in rec.get("events") or []:
                types[ev.get("plover")] += 1
    for (corpus, ident), got in seen.items():
        missing = [i for i in range(len(sentences(corpus, ident))) if i not in got and sentences(corpus, ident)[i].strip()]
        if missing:
            print(f"{corpus} {ident}: sentences without a line: {missing}")
            bad += 1
    print(f"{n} sentences from {len(seen)} articles, {sum(types.values())} events, {bad} problems")
    print("types: " + ", ".join(f"{k} {v}" for k, v in types.most_common()))
    return 1 if bad else 0


# what a cleaning change may have taken off a sentence: its label still holds for the rest
_DEBRIS_VARIANTS = ("CDATA[{}", "{}]]>", "{} ]]>", "CDATA[{}]]>", "<![CDATA[{}", "{}\n]]>")


def renumber(paths: list[Path]) -> int:
    """Labels follow their sentence when cleaning changes the numbering: a line whose SHA-1 is a
    current sentence takes that sentence's number; one whose sentence only lost scraping debris
    (a CDATA wrapper) takes the cleaned sentence; a line whose sentence vanished is dropped. Every
    line is accounted for on stdout; run ``check`` afterwards."""
    for path in paths:
        out, moved, rescued, dropped = [], 0, 0, 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            sents = sentences(rec["corpus"], str(rec["article"]))
            where = {sha(t): n for n, t in enumerate(sents)}
            n = where.get(rec.get("sha1", ""))
            if n is None:
                for form in _DEBRIS_VARIANTS:
                    hit = next((k for k, t in enumerate(sents) if t and sha(form.format(t)) == rec.get("sha1")), None)
                    if hit is not None:
                        n, rescued = hit, rescued + 1
                        break
            if n is None:
                dropped += 1
                if rec.get("events"):
                    print(f"{path.name}: {rec['corpus']} {rec['article']} [{rec['sentence']}] dropped with {len(rec['events'])} events")
                continue
            moved += n != rec["sentence"]
            rec["sentence"], rec["sha1"] = n, sha(sents[n])
            out.append(rec)
        seen: set[tuple[str, str, int]] = set()
        kept = []
        for rec in out:  # a rescued copy never doubles a sentence that kept its own line
            key = (rec["corpus"], str(rec["article"]), rec["sentence"])
            if key not in seen:
                seen.add(key)
                kept.append(rec)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
        print(f"{path.name}: {len(kept)} lines, {moved} renumbered, {rescued} rescued from debris, "
              f"{dropped + len(out) - len(kept)} dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
