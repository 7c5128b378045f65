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

Plain text. The same pages as whole-page text (the benchmark's ``html-text`` output: what a scraper
gives when it keeps all the text of a page) are cleaned by flashpoint's plain-text path and scored in
word tokens, precision, recall and F1 averaged over pages (the issue's "token F1"; the F1 of the
averages is shown too):

* ``raw``          the whole-page text, uncleaned (the baseline);
* ``rules``        the cleaner's rules alone (``Settings(clean_model=False)``);
* ``model-cv``     the cleaner with the furniture classifier, 5-fold cross-validated by site (a model
                   trained without the page's site cleans it; ``flashpoint.training.clean``);
                   skipped with ``--quick`` or ``--no-cv``, because it trains five models;
* ``model-in``     the cleaner with the packaged model, which was trained on these very pages
                   (in-sample: a check that the shipped weights are the ones measured, not a measure).

Cleaning cost: the packaged model's cleaner and the rules alone are timed on every page's text in
the same run; the difference is what the classifier costs per article (target: at most 5 ms).

    python bench/extraction.py            # all 181 pages, HTML and plain text (with cross-validation)
    python bench/extraction.py --quick    # every 6th page (31 pages), no cross-validation

The last lines are machine-readable: ``extraction: ours_f1=... trafilatura_f1=... ...`` and
``plaintext: cv_f1=... cv_p=... cv_r=... model_ms=... ...``.
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
    parser.add_argument("--no-cv", action="store_true", help="plain text: skip the cross-validation (five trainings)")
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
    plain = plain_text(root, truth, ids, cv=not (args.quick or args.no_cv))
    print(
        f"extraction: ours_f1={o['f1']:.4f} trafilatura_f1={t['f1']:.4f} ours_p={o['p']:.4f} ours_r={o['r']:.4f} "
        f"trafilatura_p={t['p']:.4f} trafilatura_r={t['r']:.4f} traf_live_f1={live['f1']:.4f} "
        f"ours_s={seconds['ours']:.1f} traf_live_s={seconds['traf-live']:.1f} pages={len(ids)} ngram={args.ngram}"
    )
    print("plaintext: " + " ".join(f"{k}={v}" for k, v in plain.items()))
    return 0


def plain_text(root: Path, truth: dict[str, dict[str, str]], ids: list[str], cv: bool) -> dict[str, str]:
    """The plain-text section: whole-page text cleaned by the rules, the packaged model, and (``cv``)
    the cross-validated models; word tokens averaged over pages; and the cleaning cost per article."""
    from flashpoint.stages.clean import clean_text
    from flashpoint.training.clean import cross_validate, load_config, summary, token_counts

    texts = json.loads((root / "baseline-outputs" / "html-text.json").read_text(encoding="utf-8"))["output"]
    pages = {i: (texts.get(i) or {}).get("articleBody") or "" for i in ids}
    clean_text(pages[ids[0]])  # model loading and pattern compilation are not timed
    outputs: dict[str, dict[str, str]] = {"raw": pages}
    seconds: dict[str, float] = {}
    for name, model_on in (("rules", False), ("model-in", True)):
        t0 = time.perf_counter()
        outputs[name] = {i: clean_text(pages[i], furniture=model_on).text for i in ids}
        seconds[name] = time.perf_counter() - t0
    rows = {name: summary([token_counts(truth[i]["articleBody"], out[i]) for i in ids]) for name, out in outputs.items()}
    cv_scores = None
    if cv:
        config = load_config(REPO / "train" / "clean" / "config.toml")
        result = cross_validate(config, shared_dir())
        chosen = [p for p in result.pages if p.id in set(ids)]
        cv_scores = summary([token_counts(truth[p.id]["articleBody"], result.cleaned[p.id].text) for p in chosen])
    print(f"\nplain text (html-text output of the same {len(ids)} pages): word tokens, averaged over pages")
    print(f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'F1 of means':>12} {'ms/page':>8}")
    order = ["raw", "rules", *(["model-cv"] if cv_scores else []), "model-in"]
    for name in order:
        s = cv_scores if name == "model-cv" else rows[name]
        ms = seconds[name] * 1000 / len(ids) if name in seconds else float("nan")
        print(f"{name:<12} {s['p']:>9.4f} {s['r']:>7.4f} {s['f1']:>7.4f} {s['f1_of_means']:>12.4f} {ms:>8.2f}")
    model_ms = (seconds["model-in"] - seconds["rules"]) * 1000 / len(ids)
    ratio = seconds["model-in"] / seconds["rules"] if seconds["rules"] else float("nan")
    print(f"cleaning cost per whole page: {seconds['model-in'] * 1000 / len(ids):.2f} ms with the classifier, "
          f"{seconds['rules'] * 1000 / len(ids):.2f} ms with the rules alone (x{ratio:.2f}); "
          f"the classifier adds {model_ms:.2f} ms (target <= 5 ms)")
    news = news_texts()
    news_ms = {}
    if news:
        for name, model_on in (("rules", False), ("model", True)):
            t0 = time.perf_counter()
            for text, title in news:
                clean_text(text, title=title, guess_title=False, furniture=model_on)
            news_ms[name] = (time.perf_counter() - t0) * 1000 / len(news)
        print(f"cleaning cost per news article ({len(news)} GeoWebNews texts, already clean): "
              f"{news_ms['model']:.2f} ms with the classifier, {news_ms['rules']:.2f} ms with the rules alone; "
              f"the classifier adds {news_ms['model'] - news_ms['rules']:.2f} ms")
    out = {
        "cv_f1": f"{cv_scores['f1']:.4f}" if cv_scores else "skipped",
        "cv_p": f"{cv_scores['p']:.4f}" if cv_scores else "skipped",
        "cv_r": f"{cv_scores['r']:.4f}" if cv_scores else "skipped",
        "rules_f1": f"{rows['rules']['f1']:.4f}",
        "raw_f1": f"{rows['raw']['f1']:.4f}",
        "in_sample_f1": f"{rows['model-in']['f1']:.4f}",
        "model_ms": f"{model_ms:.2f}",
        "clean_ms": f"{seconds['model-in'] * 1000 / len(ids):.2f}",
        "rules_ms": f"{seconds['rules'] * 1000 / len(ids):.2f}",
        "ratio": f"{ratio:.2f}",
        "news_model_ms": f"{news_ms['model'] - news_ms['rules']:.2f}" if news_ms else "skipped",
    }
    return out


def news_texts() -> list[tuple[str, str | None]]:
    """GeoWebNews's 200 news texts (already clean articles), for the cost of cleaning a typical article."""
    import xml.etree.ElementTree as ET

    path = shared_dir() / "data" / "geoparsing-gold" / "GWN.xml"
    if not path.is_file():
        return []
    return [(a.findtext("text") or "", a.findtext("title")) for a in ET.parse(path).getroot().iter("article")]


if __name__ == "__main__":
    sys.exit(main())
