"""The furniture classifier, cross-validated on the Zyte pages as plain text, with its misses by class.

Data: ``../shared/data/article-extraction-benchmark`` (181 pages; see its SOURCE.md). Each page's
whole-page text (the benchmark's ``html-text`` output) is cleaned by flashpoint's cleaner with a model
trained on the *other* folds (5 folds grouped by site: no page and no site in both parts; the
recipe is ``train/clean/config.toml``), and scored against the page's annotated body.

Metric: word tokens (``\\w+``), multiset overlap per page; precision, recall and F1 averaged over pages
(the issue's "token F1"), and the benchmark's F1 of the averaged precision and recall.

It then reads the misses by class: article words lost, grouped by the reason the cleaner gave
(which rule, or what the model saw), and furniture words kept, grouped by what the line looks like
(menu run, headline list, comments, byline, ...); and checks that already-clean news prose (the four
geoparsing gold sets) loses almost nothing.

    python bench/eval_clean.py            # cross-validation, misses by class, clean prose
    python bench/eval_clean.py --examples 3

The last line is machine-readable: ``clean: cv_f1=... cv_p=... cv_r=... ...``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORD = re.compile(r"\w+", re.UNICODE)
PROSE_SETS = ("GWN.xml", "lgl.xml", "GeoVirus.xml", "TR-News.xml")
TARGETS = {"f1": 0.90, "p": 0.88, "r": 0.95}


def shared_dir() -> Path:
    return Path(os.environ.get("FLASHPOINT_SHARED", REPO.parent / "shared")).resolve()


def misses(result) -> tuple[Counter[str], Counter[str], dict[str, list[str]]]:  # noqa: ANN001 - CVResult
    """Article words lost by the reason they went, furniture words kept by the kind of line."""
    from flashpoint.stages.furniture import kind
    from flashpoint.stages.furniture.features import feature_names

    col = {n: i for i, n in enumerate(feature_names())}
    lost: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for page in result.pages:
        cleaned = result.cleaned[page.id]
        whole = {r.line: r for r in cleaned.removed if r.line is not None}
        x = result.features[page.id]
        for i, (line, label) in enumerate(zip(page.lines, page.y, strict=True)):
            words = len(WORD.findall(line.text))
            gone = whole.get(line.number)
            dropped_whole = gone is not None and gone.text == line.raw
            if label == 1 and gone is not None:
                why = gone.reason.split(": ", 1)[-1] if gone.reason.startswith("furniture model") else gone.reason
                key = ("model: " if gone.reason.startswith("furniture model") else "rule: ") + re.sub(r"\d+", "N", why)
                lost[key] += words if dropped_whole else len(WORD.findall(gone.text))
                examples["lost " + key].append(line.text[:110])
            elif label == 0 and not dropped_whole:
                key = kind(x[i], col)
                key = re.sub(r"\d+%?", "N", key)
                kept[key] += words
                examples["kept " + key].append(line.text[:110])
    return lost, kept, examples


def prose_check(shared: Path) -> dict[str, tuple[int, int]]:
    """Words of already-clean news texts, and how many the cleaner (model + rules) removes."""
    from flashpoint.stages.clean import clean_text

    out = {}
    for name in PROSE_SETS:
        path = shared / "data" / "geoparsing-gold" / name
        if not path.is_file():
            continue
        total = removed = 0
        for article in ET.parse(path).getroot().iter("article"):
            text = article.findtext("text") or ""
            result = clean_text(text, title=article.findtext("title"), guess_title=False)
            before = len(WORD.findall(text))
            total += before
            removed += before - len(WORD.findall(result.text))
        out[name.removesuffix(".xml")] = (total, removed)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", default=str(REPO / "train" / "clean" / "config.toml"))
    parser.add_argument("--top", type=int, default=8, help="classes of misses to list")
    parser.add_argument("--examples", type=int, default=2, help="example lines per class")
    args = parser.parse_args(argv)
    shared = shared_dir()
    if not (shared / "data" / "article-extraction-benchmark").is_dir():
        print(f"benchmark data not found under {shared} (set FLASHPOINT_SHARED)", file=sys.stderr)
        return 2
    os.environ["FLASHPOINT_SHARED"] = str(shared)
    from flashpoint.training.clean import cross_validate, load_config

    config = load_config(args.config)
    result = cross_validate(config, shared)
    folds = config["cv"]["folds"]
    print(f"furniture classifier: {len(result.pages)} Zyte pages as plain text, {folds}-fold cross-validation by site "
          f"({result.seconds:.0f} s); word tokens, averaged over pages")
    print(f"{'text scored':<34} {'precision':>9} {'recall':>7} {'F1':>7} {'F1 of means':>12}")
    labels = {"raw": "whole-page text, uncleaned", "model": "lines the model keeps", "cleaned": "the cleaner (model + rules)"}
    for key, label in labels.items():
        s = result.scores[key]
        print(f"{label:<34} {s['p']:>9.4f} {s['r']:>7.4f} {s['f1']:>7.4f} {s['f1_of_means']:>12.4f}")
    final = result.scores["cleaned"]
    met = {k: final[k] >= v for k, v in TARGETS.items()}
    print("targets (F1 >= 0.90, P >= 0.88, R >= 0.95): " + ", ".join(f"{k} {'met' if ok else 'NOT met'}" for k, ok in met.items()))

    lost, kept, examples = misses(result)
    total_lost, total_kept = sum(lost.values()), sum(kept.values())
    print(f"\narticle words lost, by reason ({total_lost} words):")
    for key, n in lost.most_common(args.top):
        print(f"  {n:>6}  {n / max(total_lost, 1):>4.0%}  {key}")
        for ex in examples["lost " + key][: args.examples]:
            print(f"          | {ex}")
    print(f"\nfurniture words kept, by kind of line ({total_kept} words):")
    for key, n in kept.most_common(args.top):
        print(f"  {n:>6}  {n / max(total_kept, 1):>4.0%}  {key}")
        for ex in examples["kept " + key][: args.examples]:
            print(f"          | {ex}")

    prose = prose_check(shared)
    print("\nalready-clean news prose (geoparsing gold texts): words removed by the cleaner")
    for name, (total, removed) in prose.items():
        print(f"  {name:<10} {removed:>6} of {total:>7} words ({removed / max(total, 1):.2%})")
    all_total = sum(t for t, _ in prose.values())
    all_removed = sum(r for _, r in prose.values())
    print(
        f"clean: cv_f1={final['f1']:.4f} cv_p={final['p']:.4f} cv_r={final['r']:.4f} cv_f1_of_means={final['f1_of_means']:.4f} "
        f"model_f1={result.scores['model']['f1']:.4f} raw_f1={result.scores['raw']['f1']:.4f} "
        f"prose_removed={all_removed / max(all_total, 1):.4f} pages={len(result.pages)} folds={folds}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
