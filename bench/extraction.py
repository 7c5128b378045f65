"""Article-body extraction benchmark: flashpoint's cleaner against trafilatura, in one run.

Data: ``../shared/data/article-extraction-benchmark`` (Zyte/Scrapinghub, MIT; see its SOURCE.md):
181 gzipped HTML pages, the human-annotated ``articleBody`` of each in ``ground-truth.json``, and
the benchmark's own trafilatura 2.0.0 output in ``baseline-outputs/trafilatura.json``.

Systems, all scored against the same ground truth in the same run:

* ``ours``         ``flashpoint.stages.clean.clean_item(Item(html=...)).text``: trafilatura
                   extraction plus flashpoint's own post-cleaning (captions, furniture, title repeats);
* ``trafilatura``  the benchmark's published trafilatura output (the baseline to beat);
* ``traf-live``    ``trafilatura.extract(html, include_comments=False)`` run here, with the installed
                   version, the way the benchmark's runner calls it (for timing and a same-version check).

Metric (the benchmark's own definition, re-implemented): each text is tokenised with the Unicode
regex ``\\w+``; tokens are joined into overlapping n-grams ("shingles", n=4 by default, ``--ngram 1``
gives plain word tokens). TP/FP/FN are multiset overlaps of the shingle counts; on each page they
are divided by their sum so every page weighs the same. Precision and recall are the means over
pages (a page with no predicted shingles is left out of precision, one with no true shingles out
of recall), and F1 = 2PR/(P+R) of those means.

    python bench/extraction.py            # all 181 pages
    python bench/extraction.py --quick    # every 6th page (31 pages)

The last line is machine-readable: ``extraction: ours_f1=... trafilatura_f1=... ...``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r"\w+", re.UNICODE)
Counts = tuple[float, float, float]


def shared_dir() -> Path:
    return Path(os.environ.get("FLASHPOINT_SHARED", REPO.parent / "shared")).resolve()


def shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text or "")
    grams = [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def page_counts(true: str, pred: str, n: int) -> Counts:
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def scores(pages: list[Counts]) -> dict[str, float]:
    p = statistics.mean([_precision(*c) for c in pages if c[0] + c[1] > 0] or [0.0])
    r = statistics.mean([_recall(*c) for c in pages if c[0] + c[2] > 0] or [0.0])
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1}


def ours(page_id: str, html: str) -> str:
    from flashpoint.records import Item, Skip
    from flashpoint.stages.clean import clean_item

    article = clean_item(Item(origin=page_id, html=html))
    return "" if isinstance(article, Skip) else article.text


def trafilatura_live(page_id: str, html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="every 6th page only")
    parser.add_argument(
        "--ngram", type=int, default=4, help="shingle size (4 = the benchmark's metric; 1 = word tokens)"
    )
    parser.add_argument("--worst", type=int, default=0, help="list the N pages where ours loses most F1 to trafilatura")
    args = parser.parse_args(argv)

    root = shared_dir() / "data" / "article-extraction-benchmark"
    if not root.is_dir():
        print(f"benchmark data not found at {root} (set FLASHPOINT_SHARED)", file=sys.stderr)
        return 2
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    baseline = json.loads((root / "baseline-outputs" / "trafilatura.json").read_text(encoding="utf-8"))["output"]
    ids = sorted(truth)
    if args.quick:
        ids = ids[::6]
    pages = {i: gzip.decompress((root / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8") for i in ids}

    systems: dict[str, Callable[[str, str], str]] = {"ours": ours, "traf-live": trafilatura_live}
    outputs: dict[str, dict[str, str]] = {"trafilatura": {i: baseline[i].get("articleBody") or "" for i in ids}}
    seconds: dict[str, float] = {"trafilatura": float("nan")}
    ours("warm-up", pages[ids[0]])  # imports and pattern compilation are not timed
    for name, run in systems.items():
        t0 = time.perf_counter()
        outputs[name] = {i: run(i, pages[i]) for i in ids}
        seconds[name] = time.perf_counter() - t0

    per_page = {
        name: {i: page_counts(truth[i]["articleBody"], out[i], args.ngram) for i in ids}
        for name, out in outputs.items()
    }
    results = {name: scores(list(c.values())) for name, c in per_page.items()}

    metric = f"{args.ngram}-token shingles" if args.ngram > 1 else "word tokens"
    print(f"article-extraction-benchmark: {len(ids)} pages, {metric} (multiset overlap, per-page normalised)")
    print(f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'seconds':>8} {'ms/page':>8}")
    for name in ("ours", "trafilatura", "traf-live"):
        s, sec = results[name], seconds[name]
        ms = sec * 1000 / len(ids) if sec == sec else float("nan")
        print(f"{name:<12} {s['p']:>9.4f} {s['r']:>7.4f} {s['f1']:>7.4f} {sec:>8.1f} {ms:>8.1f}")
    if args.worst:

        def f1(c: Counts) -> float:
            p, r = _precision(*c), _recall(*c)
            return 2 * p * r / (p + r) if p + r else 0.0

        losses = sorted(ids, key=lambda i: f1(per_page["ours"][i]) - f1(per_page["trafilatura"][i]))
        for i in losses[: args.worst]:
            print(
                f"  {i[:12]} ours={f1(per_page['ours'][i]):.3f} trafilatura={f1(per_page['trafilatura'][i]):.3f} "
                f"{truth[i]['url']}"
            )
    o, t, live = results["ours"], results["trafilatura"], results["traf-live"]
    print(
        f"extraction: ours_f1={o['f1']:.4f} trafilatura_f1={t['f1']:.4f} ours_p={o['p']:.4f} ours_r={o['r']:.4f} "
        f"trafilatura_p={t['p']:.4f} trafilatura_r={t['r']:.4f} traf_live_f1={live['f1']:.4f} "
        f"ours_s={seconds['ours']:.1f} traf_live_s={seconds['traf-live']:.1f} pages={len(ids)} ngram={args.ngram}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
