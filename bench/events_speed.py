"""Benchmark: events per second and the events stage's share of pipeline time.

usage: .venv/bin/python bench/events_speed.py [--repeat N] [--isolated]

Runs the standard pipeline over the seed articles (``$FLASHPOINT_SHARED`` or
``<repo>/../shared``) N times, timing every stage, and compares with a bare spaCy
full pipeline (parser on) over the same texts.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict

from flashpoint.eval.runner import _stages, seed_articles
from flashpoint.eval.simple_actors import simple_mentions
from flashpoint.records import Doc
from flashpoint.stages.nlp import load_model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--isolated", action="store_true", help="use the evaluation actor tagger")
    args = parser.parse_args()
    articles = seed_articles() * args.repeat
    stages = _stages()
    warm = Doc(article=articles[0])
    for stage in stages:  # load models before timing
        try:
            warm = stage(warm)
        except Exception:  # noqa: BLE001, S112 - warm-up only
            continue
    totals: dict[str, float] = defaultdict(float)
    n_events = 0
    start = time.perf_counter()
    for article in articles:
        doc = Doc(article=article)
        for stage in stages:
            t0 = time.perf_counter()
            try:
                doc = stage(doc)
            except Exception as exc:  # noqa: BLE001 - report and go on: this is a benchmark
                sys.stderr.write(f"stage {stage.name} failed: {exc}\n")
            if args.isolated and stage.name in ("nlp", "actors"):
                doc = doc.replace(mentions=simple_mentions(doc.article.text))
            totals[stage.name] += time.perf_counter() - t0
        n_events += len(doc.events)
    wall = time.perf_counter() - start
    nlp = load_model()
    t0 = time.perf_counter()
    for _ in nlp.pipe(a.text for a in articles):
        pass
    bare = time.perf_counter() - t0
    chars = sum(len(a.text) for a in articles)
    print(f"articles={len(articles)} chars={chars} events={n_events}")
    print(f"pipeline {wall:.2f} s; bare spaCy full pipeline {bare:.2f} s; speed ratio {bare / wall:.2f}x")
    for name, seconds in totals.items():
        print(f"  {name:<12} {seconds:7.3f} s  {100 * seconds / wall:5.1f}%")
    events_time = totals.get("events", 0.0)
    print(
        f"events stage: {n_events / events_time if events_time else 0:.0f} events/s, "
        f"{1000 * events_time / len(articles):.1f} ms/article, share {100 * events_time / wall:.1f}%"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
