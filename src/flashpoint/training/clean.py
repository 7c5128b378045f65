"""Training and cross-validating the furniture classifier (``stages/furniture``): ``make train-clean``, ``make eval``.

Everything the recipe needs is in ``train/clean/config.toml`` (data, sizes, hyper-parameters,
threshold, seeds) and ``train/clean/manifest.toml`` (sources, licences, sizes). Two kinds of pages
are used:

* the 181 pages of the Zyte/Scrapinghub article-extraction benchmark as whole-page text (the
  benchmark's ``html-text`` output). A line is labelled article text when its words occur in the
  page's human-annotated body (and it has ``content_min_words`` words, or equals a line of the body);
* synthetic pages composed, with a seeded generator, from flashpoint's own labelled lines
  (``train/clean/lines.tsv``): clean articles, articles inside a site's furniture, extracted
  articles with leftovers.

Each line weighs its share of its page's words (a page's lines add up to one page, like the
benchmark's per-page metric). Cross-validation folds group pages by host, so no page, and no
site, is in both the training and the test part of a fold; synthetic pages are only ever trained on.

    python -m flashpoint.training.clean train --config train/clean/config.toml
    python -m flashpoint.training.clean cv --config train/clean/config.toml
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import statistics
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from ..errors import ResourceError
from ..stages.furniture import MODEL_FILE, MODEL_PACKAGE, Model
from ..stages.furniture.features import (
    Line,
    RuleHits,
    batch_repeats,
    feature_names,
    line_key,
    page_features,
    split_lines,
)
from ..stages.furniture.gbm import Params, fit

WORD = re.compile(r"\w+", re.UNICODE)
CONTENT_CLASSES = frozenset({"prose", "subhead", "quote", "item", "lede"})
CARD_FILE = "MODEL_CARD.md"


# ---------------------------------------------------------------- configuration and data


def load_config(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ResourceError(f"{path}: {exc}") from exc
    config["_path"] = str(path.resolve())
    config["_repo"] = str(path.resolve().parents[2])  # train/clean/config.toml -> the repository
    return config


def shared_dir() -> Path:
    env = os.environ.get("FLASHPOINT_SHARED")
    path = Path(env) if env else Path(__file__).resolve().parents[4] / "shared"
    if not path.is_dir():
        raise ResourceError(f"shared data not found at {path} (set FLASHPOINT_SHARED)")
    return path.resolve()


def _data_path(config: dict[str, Any], value: str, shared: Path) -> Path:
    return Path(config["_repo"]) / value if value.startswith("train/") else shared / value


@dataclass(slots=True)
class Page:
    """One labelled page: its text, lines, labels (1 = article), row weights and where it came from."""

    id: str
    host: str
    source: str  # "zyte" or "own"
    text: str
    lines: list[Line]
    y: np.ndarray
    weight: float = 1.0
    truth: str | None = None  # the annotated body (benchmark pages)
    classes: list[str] = field(default_factory=list)  # own pages: each line's class

    def row_weights(self) -> np.ndarray:
        tokens = np.array([len(WORD.findall(ln.text)) for ln in self.lines], dtype=float) + 1.0
        return self.weight * tokens / tokens.sum()


def _norm(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def zyte_pages(config: dict[str, Any], shared: Path) -> list[Page]:
    data = config["data"]
    texts = json.loads(_data_path(config, data["zyte_texts"], shared).read_text(encoding="utf-8"))["output"]
    truth = json.loads(_data_path(config, data["zyte_truth"], shared).read_text(encoding="utf-8"))
    min_words = int(data["content_min_words"])
    pages = []
    for page_id in sorted(truth):
        body = truth[page_id]["articleBody"]
        text = (texts.get(page_id) or {}).get("articleBody") or ""
        padded = f" {_norm(body)} "
        body_lines = {_norm(ln) for ln in body.split("\n")}
        lines = split_lines(text)
        labels = []
        used: Counter[str] = Counter()  # a line repeated on the page is article text as often as the body has it
        for line in lines:
            form = _norm(line.text)
            inside = bool(form) and f" {form} " in padded
            if inside and used[form] >= max(1, padded.count(f" {form} ")):
                inside = False
            used[form] += 1
            labels.append(1.0 if inside and (len(form.split()) >= min_words or form in body_lines) else 0.0)
        host = (urlsplit(truth[page_id]["url"]).hostname or page_id).removeprefix("www.")
        pages.append(Page(page_id, host, "zyte", text, lines, np.array(labels), 1.0, body))
    return pages


def own_lines(config: dict[str, Any]) -> dict[str, list[str]]:
    path = Path(config["_repo"]) / config["data"]["own_lines"]
    pools: dict[str, list[str]] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cls, sep, text = raw.partition("\t")
        if not sep or not text.strip():
            raise ResourceError(f"{path} line {number}: expected class<TAB>text")
        pools.setdefault(cls.strip(), []).append(text.strip())
    return pools


SITES = ("The Daily Meridian", "Northwind News", "Harbour Post", "Capital Wire", "Valley Courier")


def own_pages(config: dict[str, Any]) -> list[Page]:
    """Synthetic pages composed from the own labelled lines (seeded; see ``[own]`` in the config)."""
    spec = config["own"]
    pools = own_lines(config)
    rng = np.random.default_rng(int(spec["seed"]))
    pages = []
    kinds = [
        ("clean", int(spec["clean_pages"])),
        ("brief", int(spec["brief_pages"])),
        ("scraped", int(spec["scraped_pages"])),
        ("leftover", int(spec["leftover_pages"])),
    ]
    for kind, count in kinds:
        for k in range(count):
            blocks = _compose(kind, pools, rng)
            text, by_number = _render(blocks)
            lines = split_lines(text)
            classes = [by_number[ln.number] for ln in lines]
            y = np.array([1.0 if c in CONTENT_CLASSES else 0.0 for c in classes])
            site = SITES[k % len(SITES)]
            pages.append(Page(f"own-{kind}-{k}", f"own-{site}", "own", text, lines, y, float(spec["page_weight"]), classes=classes))
    return pages


Block = list[tuple[str, str]]  # the lines of one block: (class, text)


def _pick(pools: dict[str, list[str]], cls: str, rng: np.random.Generator, n: int = 1) -> list[str]:
    pool = pools.get(cls, [])
    if not pool:
        return []
    idx = rng.choice(len(pool), size=min(n, len(pool)), replace=False)
    return [pool[int(i)] for i in idx]


def _article(pools: dict[str, list[str]], rng: np.random.Generator) -> list[Block]:
    blocks: list[Block] = []
    if rng.random() < 0.25:
        blocks.append([("lede", t) for t in _pick(pools, "lede", rng)])
    for text in _pick(pools, "prose", rng, int(rng.integers(1, 10))):
        roll = rng.random()
        if roll < 0.12:
            blocks.append([("subhead", t) for t in _pick(pools, "subhead", rng)])
        elif roll < 0.22:
            blocks.append([("quote", t) for t in _pick(pools, "quote", rng)])
        elif roll < 0.30:
            items = [("item", t) for t in _pick(pools, "item", rng, int(rng.integers(2, 5)))]
            blocks.extend([[i] for i in items] if rng.random() < 0.5 else [items])
        if rng.random() < 0.15 and len(blocks) > 1:  # paragraphs joined by single newlines
            blocks[-1].append(("prose", text))
        else:
            blocks.append([("prose", text)])
    return blocks


def _run(pools: dict[str, list[str]], cls: str, rng: np.random.Generator, low: int, high: int) -> Block:
    return [(cls, t) for t in _pick(pools, cls, rng, int(rng.integers(low, high)))]


def _embed(body: list[Block], pools: dict[str, list[str]], rng: np.random.Generator) -> None:
    """Furniture inside the article: an advertisement label, an inline "Read more" link, or a box of
    other stories between two paragraphs (the article goes on after it)."""
    if len(body) < 3:
        return
    for _ in range(int(rng.integers(1, 3))):
        at = int(rng.integers(1, len(body) - 1))
        roll = rng.random()
        if roll < 0.35:
            body.insert(at, _run(pools, "ad", rng, 1, 2))
        elif roll < 0.6:
            body.insert(at, [("related", t) for t in _pick(pools, "related", rng) if ":" in t] or _run(pools, "ad", rng, 1, 2))
        else:
            heading, items = _run(pools, "related", rng, 1, 2), _run(pools, "teaser", rng, 2, 5)
            if rng.random() < 0.5:
                body.insert(at, heading + items)
            else:
                body[at:at] = [heading] + [[item] for item in items]


def _compose(kind: str, pools: dict[str, list[str]], rng: np.random.Generator) -> list[Block]:
    title = _pick(pools, "teaser", rng)[0]
    body = _article(pools, rng)
    head: list[Block] = []
    tail: list[Block] = []
    if kind == "brief":
        shortest = sorted(pools.get("prose", []), key=len)[: max(1, len(pools.get("prose", [])) // 3)]
        picks = rng.choice(len(shortest), size=min(len(shortest), int(rng.integers(2, 6))), replace=False)
        blocks = [[("prose", shortest[int(i)])] for i in picks]
        return ([[("title", title)]] if rng.random() < 0.5 else []) + blocks
    if kind == "clean":
        if rng.random() < 0.7:
            head.append([("title", title)])
        if rng.random() < 0.3:
            head.append(_run(pools, "byline", rng, 1, 2))
        return head + body
    if kind == "leftover":
        head.append([("title", title)])
        for cls in ("byline", "stamp", "caption", "subscribe", "ad"):
            if rng.random() < 0.3:
                head.append(_run(pools, cls, rng, 1, 2))
        for cls in ("subscribe", "legal", "tags", "prompt", "about", "social"):
            if rng.random() < 0.3:
                tail.append(_run(pools, cls, rng, 1, 3))
        if rng.random() < 0.3:
            tail.append(_run(pools, "related", rng, 1, 2) + _run(pools, "teaser", rng, 2, 6))
        if rng.random() < 0.5:
            _embed(body, pools, rng)
        return head + body + tail
    site = SITES[int(rng.integers(len(SITES)))]
    head.append([("title", f"{title} | {site}")])
    head.append(_run(pools, "nav", rng, 5, 25))
    if rng.random() < 0.5:
        head.append(_run(pools, "account", rng, 1, 3))
    if rng.random() < 0.3:
        head.append(_run(pools, "teaser", rng, 3, 8))
    head.append([("title", title)])
    meta = _run(pools, "byline", rng, 1, 2) + _run(pools, "stamp", rng, 1, 2)
    head.extend([meta] if rng.random() < 0.5 else [[m] for m in meta])
    if rng.random() < 0.5:
        head.append(_run(pools, "caption", rng, 1, 2))
    if rng.random() < 0.5:
        head.append(_run(pools, "social", rng, 2, 7))
    if rng.random() < 0.5:
        _embed(body, pools, rng)
    tail.append(_run(pools, "social", rng, 1, 6))
    if rng.random() < 0.5:
        tail.append(_run(pools, "tags", rng, 1, 2))
    if rng.random() < 0.4:
        tail.append(_run(pools, "about", rng, 1, 2))
    tail.append(_run(pools, "related", rng, 1, 2))
    tail.extend([[("teaser", t)] for t in _pick(pools, "teaser", rng, int(rng.integers(3, 9)))])
    if rng.random() < 0.5:
        for _ in range(int(rng.integers(1, 4))):
            tail.append(_run(pools, "comment_header", rng, 1, 3))
            tail.append(_run(pools, "comment", rng, 1, 2))
    if rng.random() < 0.5:
        tail.append(_run(pools, "subscribe", rng, 1, 3))
    tail.append(_run(pools, "footer", rng, 4, 16))
    tail.append(_run(pools, "legal", rng, 1, 3))
    return head + body + tail


def _render(blocks: list[Block]) -> tuple[str, dict[int, str]]:
    """The page's text, and the class of each of its lines by 1-based line number."""
    lines: list[str] = []
    classes: dict[int, str] = {}
    for block in blocks:
        if not block:
            continue
        if lines:
            lines.append("")
        for cls, text in block:
            lines.append(text)
            classes[len(lines)] = cls
    return "\n".join(lines), classes


# ---------------------------------------------------------------- features, fitting, folds


def rules() -> RuleHits:
    from ..stages.clean import any_of

    anyof = any_of()
    return RuleHits(anyof.line, anyof.list_heading)


def batch_counts(pages: list[Page]) -> dict[str, dict[str, float]]:
    """Each page's line repetition across the other pages of its host (as at ingest, per batch)."""
    by_host: dict[str, list[Page]] = {}
    for page in pages:
        by_host.setdefault(page.host, []).append(page)
    out: dict[str, dict[str, float]] = {}
    for members in by_host.values():
        keys = [[line_key(ln.text) for ln in p.lines] for p in members]
        for page, counts in zip(members, batch_repeats(keys), strict=True):
            out[page.id] = counts
    return out


def matrices(pages: list[Page]) -> dict[str, np.ndarray]:
    counts = batch_counts(pages)
    hits = rules()
    return {p.id: page_features(p.lines, None, hits, counts.get(p.id)) for p in pages}


def params(config: dict[str, Any]) -> Params:
    m = config["model"]
    return Params(
        trees=int(m["trees"]), depth=int(m["depth"]), learning_rate=float(m["learning_rate"]), l2=float(m["l2"]),
        bins=int(m["bins"]), subsample=float(m["subsample"]), seed=int(m["seed"]),
    )


def fit_pages(pages: list[Page], x: dict[str, np.ndarray], config: dict[str, Any]) -> Model:
    rows = [p for p in pages if len(p.lines)]
    forest = fit(
        np.vstack([x[p.id] for p in rows]),
        np.concatenate([p.y for p in rows]),
        np.concatenate([p.row_weights() for p in rows]),
        feature_names(),
        params(config),
    )
    decision = config["decision"]
    return Model(
        forest, float(decision["threshold"]), {}, int(decision["long_words"]), float(decision["long_factor"]),
        int(decision["page_short_lines"]), float(decision["article_factor"]), int(decision["min_lines"]),
    )


def folds(pages: list[Page], k: int, seed: int) -> list[list[Page]]:
    """Benchmark pages in ``k`` folds, all pages of a host in the same fold."""
    hosts = sorted({p.host for p in pages})
    order = np.random.default_rng(seed).permutation(len(hosts))
    fold_of = {hosts[int(j)]: i % k for i, j in enumerate(order)}
    return [[p for p in pages if fold_of[p.host] == i] for i in range(k)]


# ---------------------------------------------------------------- scoring


def token_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """Per-page word-token overlap (tp, fp, fn) as a share of their sum (the benchmark's normalisation)."""
    t, p = Counter(WORD.findall(truth)), Counter(WORD.findall(predicted))
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def summary(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision, recall and F1 averaged over pages (the issue's "token F1"), and the benchmark's
    F1 of the averaged precision and recall."""

    def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    rows = [prf(*c) for c in counts]
    p = statistics.mean(r[0] for r in rows)
    r = statistics.mean(r[1] for r in rows)
    return {"p": p, "r": r, "f1": statistics.mean(r[2] for r in rows), "f1_of_means": 2 * p * r / (p + r) if p + r else 0.0}


@dataclass(slots=True)
class CVResult:
    pages: list[Page]
    cleaned: dict[str, Any]  # page id -> the cleaner's result (``Cleaned``) with the fold's model
    model_only: dict[str, str]  # page id -> the lines the fold's model kept
    proba: dict[str, np.ndarray]
    features: dict[str, np.ndarray]
    scores: dict[str, dict[str, float]]
    seconds: float


def cross_validate(
    config: dict[str, Any],
    shared: Path,
    log: Callable[[str], None] | None = None,
    sweep: tuple[float, ...] = (),
) -> CVResult:
    """Page-level (host-grouped) cross-validation on the benchmark pages, the full cleaner run with each
    fold's model on the fold's held-out pages. ``sweep``: other thresholds to score the cleaner at
    (``scores["cleaned@0.25"]``), with the same fold models."""
    from ..stages.clean import clean_text

    started = time.perf_counter()
    zyte = zyte_pages(config, shared)
    own = own_pages(config)
    x = matrices(zyte + own)
    counts = batch_counts(zyte)
    cleaned: dict[str, Any] = {}
    swept: dict[float, dict[str, str]] = {t: {} for t in sweep}
    model_only: dict[str, str] = {}
    proba: dict[str, np.ndarray] = {}
    parts = folds(zyte, int(config["cv"]["folds"]), int(config["cv"]["seed"]))
    for i, test in enumerate(parts):
        held = {p.id for p in test}
        model = fit_pages([p for p in zyte if p.id not in held] + own, x, config)
        for page in test:
            proba[page.id] = model.forest.proba(x[page.id])
            keep = proba[page.id] >= model.threshold
            model_only[page.id] = "\n".join(ln.text for ln, k in zip(page.lines, keep, strict=True) if k)
            cleaned[page.id] = clean_text(page.text, model=model, batch_counts=counts.get(page.id))
            for t in sweep:
                swept[t][page.id] = clean_text(page.text, model=model, batch_counts=counts.get(page.id), threshold=t).text
        if log:
            log(f"fold {i + 1}/{len(parts)}: {len(test)} pages held out, trained on {len(zyte) - len(test)} + {len(own)} own")
    truth = {p.id: p.truth or "" for p in zyte}
    scores = {
        "raw": summary([token_counts(truth[p.id], p.text) for p in zyte]),
        "model": summary([token_counts(truth[p.id], model_only[p.id]) for p in zyte]),
        "cleaned": summary([token_counts(truth[p.id], cleaned[p.id].text) for p in zyte]),
    }
    for t, texts in swept.items():
        scores[f"cleaned@{t}"] = summary([token_counts(truth[p.id], texts[p.id]) for p in zyte])
    return CVResult(zyte, cleaned, model_only, proba, {p.id: x[p.id] for p in zyte}, scores, time.perf_counter() - started)


# ---------------------------------------------------------------- training and the model card


def train(config: dict[str, Any], shared: Path, out: Path, cv: CVResult | None = None) -> dict[str, Any]:
    """Fit on all pages and write the model and its card into ``out`` (the package's resources)."""
    zyte = zyte_pages(config, shared)
    own = own_pages(config)
    x = matrices(zyte + own)
    started = time.perf_counter()
    model = fit_pages(zyte + own, x, config)
    seconds = time.perf_counter() - started
    recipe = Path(config["_path"]).read_bytes()
    meta: dict[str, Any] = {
        "what": "flashpoint furniture line classifier (oblivious gradient-boosted trees, NumPy)",
        "trained": date.today().isoformat(),
        "recipe": "make train-clean (train/clean/config.toml, train/clean/manifest.toml)",
        "config_sha256": hashlib.sha256(recipe).hexdigest()[:16],
        "threshold": float(config["decision"]["threshold"]),
        "long_words": int(config["decision"]["long_words"]),
        "long_factor": float(config["decision"]["long_factor"]),
        "page_short_lines": int(config["decision"]["page_short_lines"]),
        "article_factor": float(config["decision"]["article_factor"]),
        "min_lines": int(config["decision"]["min_lines"]),
        "data": {
            "benchmark_pages": len(zyte),
            "benchmark_lines": int(sum(len(p.lines) for p in zyte)),
            "benchmark_article_lines": int(sum(p.y.sum() for p in zyte)),
            "own_pages": len(own),
            "own_lines": int(sum(len(p.lines) for p in own)),
            "own_article_lines": int(sum(p.y.sum() for p in own)),
        },
        "features": len(feature_names()),
        "trees": int(model.forest.features.shape[0]),
        "depth": int(model.forest.features.shape[1]),
        "fit_seconds": round(seconds, 1),
    }
    if cv is not None:
        meta["cross_validation"] = {k: {m: round(v, 4) for m, v in s.items()} for k, s in cv.scores.items()}
    out.mkdir(parents=True, exist_ok=True)
    (out / MODEL_FILE).write_text(model.forest.to_json(meta) + "\n", encoding="utf-8")
    (out / CARD_FILE).write_text(model_card(meta, config), encoding="utf-8")
    return meta


def model_card(meta: dict[str, Any], config: dict[str, Any]) -> str:
    data = meta["data"]
    lines = [
        "# Model card: furniture line classifier",
        "",
        f"Generated by `make train-clean` on {meta['trained']} (config sha256 {meta['config_sha256']}); do not edit by hand.",
        "",
        "**What it does.** Scores each line of a scraped plain-text page with the probability that it belongs",
        "to the article (rather than the site's menus, footers, bylines, captions, related stories, comments,",
        f"prompts). Lines below {meta['threshold']} are removed by the cleaner, each with its reason, and kept in",
        "`Article.removed` for audit. Method and figures: `docs/cleaning.md`.",
        "",
        f"**Model.** {meta['trees']} oblivious trees of depth {meta['depth']} (gradient boosting on the log-loss,",
        f"NumPy, `stages/furniture/gbm.py`) over {meta['features']} features (`stages/furniture/features.py`);",
        f"fitted in {meta['fit_seconds']} s on one CPU core. Hyper-parameters and seeds: `train/clean/config.toml`.",
        "",
        f"**Decision.** A line goes below probability {meta['threshold']}; a line of {meta['long_words']} words or more",
        f"with three sentences or more only below {meta['threshold'] * meta['long_factor']:.3g}; in a text with fewer than",
        f"{meta['page_short_lines']} lines under 8 words (an article already, not a whole page) only below",
        f"{meta['threshold'] * meta['article_factor']:.3g}. Texts under {meta['min_lines']} lines are left to the rules.",
        "",
        "**Data** (sources and licences: `train/clean/manifest.toml`).",
        "",
        "| source | pages | lines | article lines |",
        "| --- | --- | --- | --- |",
        f"| Zyte article-extraction benchmark, whole-page text (MIT) | {data['benchmark_pages']} | {data['benchmark_lines']} | {data['benchmark_article_lines']} |",
        f"| flashpoint's own labelled lines, composed into synthetic pages (seeded) | {data['own_pages']} | {data['own_lines']} | {data['own_article_lines']} |",
        "",
    ]
    cv = meta.get("cross_validation")
    if cv:
        folds_n = config["cv"]["folds"]
        lines += [
            f"**Metrics** ({folds_n}-fold cross-validation on the benchmark pages, folds grouped by site, so no page",
            "and no site is in both the training and the test part; word tokens, precision, recall and F1 averaged",
            "over pages; the last column is the F1 of the averaged precision and recall). The features and the",
            "threshold were chosen while reading these pages' misses, so the figures are cross-validated, not held out.",
            "",
            "| text scored | precision | recall | F1 | F1 of means |",
            "| --- | --- | --- | --- | --- |",
        ]
        names = {"raw": "whole-page text, uncleaned", "model": "lines the model keeps", "cleaned": "the cleaner's output (model + rules)"}
        for key, label in names.items():
            s = cv[key]
            lines.append(f"| {label} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | {s['f1_of_means']:.3f} |")
        lines.append("")
    lines += [
        "**Limits.** Trained on English-heavy pages from 2017-2019 plus synthetic pages; lists, tables and",
        "recipes inside articles look like menus and are the most common loss; comment threads and teasers",
        "written as full sentences are the most common leftover. On text that is already clean the model",
        "is meant to remove nothing (checked on the geoparsing gold sets' news texts, `make eval`).",
        "",
    ]
    return "\n".join(lines)


def packaged_model_dir() -> Path:
    return Path(str(resources.files(MODEL_PACKAGE)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="train or cross-validate the furniture classifier")
    parser.add_argument("command", choices=("train", "cv"))
    parser.add_argument("--config", default="train/clean/config.toml")
    parser.add_argument("--out", help="folder for the model and card (default: the package's models/furniture)")
    parser.add_argument("--no-cv", action="store_true", help="train without cross-validating first (no metrics in the card)")
    parser.add_argument("--sweep", help="cv: also score the cleaner at these comma-separated thresholds")
    args = parser.parse_args(argv)
    config = load_config(args.config)
    shared = shared_dir()

    def log(message: str) -> None:
        print(message, file=sys.stderr)

    if args.command == "cv":
        sweep = tuple(float(t) for t in args.sweep.split(",")) if args.sweep else ()
        result = cross_validate(config, shared, log, sweep)
        for key, s in result.scores.items():
            print(f"{key:<14} P={s['p']:.4f} R={s['r']:.4f} F1={s['f1']:.4f} F1(means)={s['f1_of_means']:.4f}")
        return 0
    cv = None if args.no_cv else cross_validate(config, shared, log)
    meta = train(config, shared, Path(args.out) if args.out else packaged_model_dir(), cv)
    print(json.dumps(meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
