"""Train the toponym model (``make train-places``): the learned last pass of place recognition.

Data: the gold toponyms of LGL and TR-News (``../shared/data/geoparsing-gold``; both are training data
for flashpoint, see ``train/places/manifest.toml``). Each article is parsed by the NLP stage and run
through the rules of ``stages/places/recognise.py``; every capitalised name the gazetteer knows that no
rule took is a candidate (``stages/places/learned.py``), labelled a toponym when its span is a gold
toponym's. GeoWebNews and GeoVirus are never read here, and neither are the LGL and TR-News articles of the
shared development set (``../shared/gold/dev``): they score the result (``bench/geoparse.py``,
``bench/eval_facts.py --dev``).

``cv`` cross-validates by article (5 folds, seeded) and prints precision and recall of the candidates at
several thresholds; ``train`` cross-validates, fits on every article and writes ``model.json`` and
``MODEL_CARD.md`` into ``src/flashpoint/models/toponyms``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..eval.geoparsing import development_ids, read_lgl, read_trnews
from ..records import Article, Doc
from ..stages.furniture.gbm import Params, fit
from ..stages.places.gazetteer import load_gazetteer
from ..stages.places.learned import FEATURE_NAMES, MODEL_FILE, MODEL_PACKAGE
from ..stages.places.recognise import recognise
from ..stages.places.spans import trim
from .clean import load_config

CARD_FILE = "MODEL_CARD.md"
READERS = {"lgl": read_lgl, "trnews": read_trnews}
_MARKED = re.compile(r"\[\[(.+?)\]\]")


def own_paragraphs(path: Path) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """flashpoint's own labelled paragraphs: one per line, every place name marked ``[[...]]``; returns
    ``(id, text without the marks, place spans)``."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, spans, at = "", [], 0
        for match in _MARKED.finditer(line):
            text += line[at : match.start()]
            spans.append((len(text), len(text) + len(match.group(1))))
            text += match.group(1)
            at = match.end()
        text += line[at:]
        out.append((f"own-{number}", text, spans))
    return out


@dataclass(slots=True)
class Sample:
    """The candidates of one article: feature rows, labels and the names (for the error listing)."""

    article: str
    corpus: str
    x: np.ndarray
    y: np.ndarray
    names: list[str]


def samples(config: dict[str, Any], log: Any = None) -> list[Sample]:
    """Parse every training article and collect its candidates with their labels."""
    from ..stages.equipment import is_equipment_name
    from ..stages.nlp import NLPStage

    gaz = load_gazetteer()
    nlp = NLPStage()
    limit = int(config["data"].get("limit") or 0)
    development = development_ids(required=True)  # the shared development set's articles score the places; never learned from
    sets: list[tuple[str, list[tuple[str, str, set[tuple[int, int]]]]]] = []
    for corpus in config["data"]["corpora"]:
        docs = [d for d in READERS[corpus](None) if d[0] not in development]
        sets.append((corpus, [(n, t, {trim(t, g.start, g.end) for g in golds}) for n, t, golds in docs]))
    own = config["data"].get("own")
    if own:
        path = Path(config["_repo"]) / own if own.startswith("train/") else Path(own)
        sets.append(("own", [(n, t, set(spans)) for n, t, spans in own_paragraphs(path)]))
    out: list[Sample] = []
    for corpus, docs in sets:
        docs = docs[:limit] if limit else docs
        for i in range(0, len(docs), 16):
            chunk = docs[i : i + 16]
            parsed = nlp.pipe([Doc(article=Article(key=name, doc=name, text=text)) for name, text, _ in chunk])
            for (name, _, spans), doc in zip(chunk, parsed, strict=True):
                collected: list[Any] = []
                recognise(doc, gaz, is_equipment_name, collect=collected)
                x = np.asarray([row for _, row in collected], dtype=float).reshape(-1, len(FEATURE_NAMES))
                y = np.asarray([1.0 if (c.start, c.end) in spans else 0.0 for c, _ in collected])
                out.append(Sample(name, corpus, x, y, [c.text for c, _ in collected]))
        if log:
            log(f"{corpus}: {len(docs)} articles parsed")
    return out


def params(config: dict[str, Any]) -> Params:
    return Params(**{k: v for k, v in config["model"].items()})


def _stack(parts: list[Sample], own_weight: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.concatenate([s.x for s in parts]) if parts else np.zeros((0, len(FEATURE_NAMES)))
    y = np.concatenate([s.y for s in parts]) if parts else np.zeros(0)
    w = np.concatenate([np.full(len(s.y), own_weight if s.corpus == "own" else 1.0) for s in parts]) if parts else y
    return x, y, w


def cross_validate(config: dict[str, Any], data: list[Sample]) -> dict[str, dict[str, float]]:
    """Precision and recall of the candidates at each threshold of the sweep, by article folds, pooled over
    ``repeats`` shuffles (seeds ``seed``, ``seed + 1``, ...): one shuffle's folds move the best threshold by a
    step. Only the corpora's articles are scored; our own paragraphs are in every training part."""
    k, seed = int(config["cv"]["folds"]), int(config["cv"]["seed"])
    repeats = int(config["cv"].get("repeats", 1))
    if repeats < 1 or k < 2:
        raise ValueError(f"cv.repeats must be at least 1 and cv.folds at least 2 (got {repeats} and {k})")
    scored = [i for i, s in enumerate(data) if s.corpus != "own"]
    weight = float(config["data"].get("own_weight", 1.0))
    y_parts: list[np.ndarray] = []
    p_parts: list[np.ndarray] = []
    for repeat in range(repeats):
        order = [scored[int(j)] for j in np.random.default_rng(seed + repeat).permutation(len(scored))]
        proba: dict[int, np.ndarray] = {}
        for fold in range(k):
            test = set(order[fold::k])
            x, y, w = _stack([s for i, s in enumerate(data) if i not in test], weight)
            forest = fit(x, y, w, FEATURE_NAMES, params(config))
            for i in test:
                proba[i] = forest.proba(data[i].x)
        y_parts += [data[i].y for i in scored]
        p_parts += [proba[i] for i in scored]
    y_all = np.concatenate(y_parts) if y_parts else np.zeros(0)
    p_all = np.concatenate(p_parts) if p_parts else np.zeros(0)
    out = {}
    for t in config["cv"]["sweep"]:
        kept = p_all >= t
        tp = float((kept & (y_all == 1)).sum())
        p = tp / max(kept.sum(), 1)
        r = tp / max((y_all == 1).sum(), 1)
        f_half = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
        per_repeat = round(float(kept.sum()) / max(repeats, 1))
        out[f"{t:.2f}"] = {"precision": round(p, 4), "recall": round(r, 4), "f0.5": round(f_half, 4), "kept": per_repeat}
    return out


def chosen_threshold(config: dict[str, Any], cv: dict[str, dict[str, float]] | None) -> float:
    """The threshold of the sweep with the best cross-validated F0.5 (precision weighs twice as much as recall:
    a wrong place moves an event on the map), each point's F0.5 averaged with its neighbours' in the sweep (the
    curve is flat near its top, where one point's edge over the next is noise); the config's own without a
    cross-validation."""
    if not cv:
        return float(config["decision"]["threshold"])
    points = sorted(cv, key=float)
    scores = [cv[t]["f0.5"] for t in points]

    def smoothed(i: int) -> float:
        near = scores[max(0, i - 1) : i + 2]
        return sum(near) / len(near)

    best = max(range(len(points)), key=lambda i: (round(smoothed(i), 6), float(points[i])))
    return float(points[best])


def train(config: dict[str, Any], out: Path, log: Any = None, with_cv: bool = True) -> dict[str, Any]:
    data = samples(config, log)
    cv = cross_validate(config, data) if with_cv else None
    x, y, w = _stack(data, float(config["data"].get("own_weight", 1.0)))
    started = time.perf_counter()
    forest = fit(x, y, w, FEATURE_NAMES, params(config))
    seconds = time.perf_counter() - started
    recipe = Path(config["_path"]).read_bytes()
    meta: dict[str, Any] = {
        "what": "flashpoint toponym model: the learned last pass of place recognition (oblivious trees, NumPy)",
        "trained": date.today().isoformat(),
        "recipe": "make train-places (train/places/config.toml, train/places/manifest.toml)",
        "config_sha256": hashlib.sha256(recipe).hexdigest()[:16],
        "threshold": chosen_threshold(config, cv),
        "data": {
            corpus: {
                "articles": sum(1 for s in data if s.corpus == corpus),
                "candidates": int(sum(len(s.y) for s in data if s.corpus == corpus)),
                "toponyms": int(sum(s.y.sum() for s in data if s.corpus == corpus)),
            }
            for corpus in [*config["data"]["corpora"], *(["own"] if config["data"].get("own") else [])]
        },
        "features": len(FEATURE_NAMES),
        "trees": int(forest.features.shape[0]),
        "depth": int(forest.features.shape[1]),
        "fit_seconds": round(seconds, 1),
    }
    if cv is not None:
        meta["cross_validation"] = cv
        meta["cv_folds"] = int(config["cv"]["folds"])
        meta["cv_repeats"] = int(config["cv"].get("repeats", 1))
    out.mkdir(parents=True, exist_ok=True)
    (out / MODEL_FILE).write_text(forest.to_json(meta) + "\n", encoding="utf-8")
    (out / CARD_FILE).write_text(model_card(meta), encoding="utf-8")
    return meta


def model_card(meta: dict[str, Any]) -> str:
    data = meta["data"]
    lines = [
        "# Model card: toponym model (the learned last pass of place recognition)",
        "",
        f"Generated by `make train-places` on {meta['trained']} (config sha256 {meta['config_sha256']}); "
        "do not edit by hand.",
        "",
        "**What it does.** After the rules of `stages/places/recognise.py`, scores each capitalised name the",
        "gazetteer knows that no rule took (a name NER tagged as a person or an organisation, or not at all)",
        "with the probability that it names a place. A name at or above the threshold "
        f"({meta['threshold']}, the best cross-validated F0.5, smoothed over the sweep) becomes a toponym;",
        "its reason gives the probability and the cues that were set. Method and figures: `docs/places.md`.",
        "",
        f"**Model.** {meta['trees']} oblivious trees of depth {meta['depth']} (gradient boosting on the log-loss,",
        f"NumPy, `stages/furniture/gbm.py`) over {meta['features']} features (`stages/places/learned.py`);",
        f"fitted in {meta['fit_seconds']} s on one CPU core. Hyper-parameters and seeds: `train/places/config.toml`.",
        "",
        "**Data** (sources and licences: `train/places/manifest.toml`). A candidate is labelled a toponym when",
        "its span (without \"the\" or a possessive) is a gold toponym's. The articles of the shared development set",
        "are left out.",
        "",
        "| corpus | articles | candidates | toponyms among them |",
        "| --- | --- | --- | --- |",
    ]
    names = {
        "lgl": "LGL (local US news, 2009)",
        "trnews": "TR-News (news, mostly 2016-17)",
        "own": "flashpoint's own labelled paragraphs (`train/places/paragraphs.txt`, training only, never scored)",
    }
    for corpus, d in data.items():
        lines.append(f"| {names.get(corpus, corpus)} | {d['articles']} | {d['candidates']} | {d['toponyms']} |")
    cv = meta.get("cross_validation")
    if cv:
        lines += [
            "",
            f"**Metrics** ({meta.get('cv_folds', 5)}-fold cross-validation by article on the same candidates, pooled over",
            f"{meta.get('cv_repeats', 1)} shuffles of the articles; candidates kept: per shuffle; the features were chosen",
            "while reading these corpora's misses, so the figures are cross-validated, not held out). End to end on",
            "GeoWebNews, which it was never trained on: `python bench/geoparse.py` and `docs/places.md` (GeoWebNews",
            "misses were read while choosing the features, so only its hash slice is a held-out figure).",
            "",
            "| threshold | precision | recall | F0.5 | candidates kept |",
            "| --- | --- | --- | --- | --- |",
        ]
        for t, s in cv.items():
            mark = " (chosen)" if float(t) == meta["threshold"] else ""
            lines.append(f"| {t}{mark} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f0.5']:.3f} | {s['kept']} |")
    lines += [
        "",
        "**Limits.** English news only; the candidates are names the gazetteer knows, so a street, a building or a",
        "village it lacks is never found this way. LGL is local US news, so the cues of local papers weigh most.",
        "",
    ]
    return "\n".join(lines)


def packaged_model_dir() -> Path:
    return Path(str(resources.files(MODEL_PACKAGE)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="train or cross-validate the toponym model")
    parser.add_argument("command", choices=("train", "cv"))
    parser.add_argument("--config", default="train/places/config.toml")
    parser.add_argument("--out", help="folder for the model and card (default: the package's models/toponyms)")
    parser.add_argument("--no-cv", action="store_true", help="train without cross-validating first")
    args = parser.parse_args(argv)
    config = load_config(args.config)

    def log(message: str) -> None:
        print(message, file=sys.stderr)

    if args.command == "cv":
        for t, s in cross_validate(config, samples(config, log)).items():
            print(f"threshold {t}: P={s['precision']:.3f} R={s['recall']:.3f} F0.5={s['f0.5']:.3f} kept={s['kept']}")
        return 0
    meta = train(config, Path(args.out) if args.out else packaged_model_dir(), log, not args.no_cv)
    print(json.dumps(meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
