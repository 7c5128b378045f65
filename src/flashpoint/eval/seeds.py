"""Seed-article scoring: the shared gold scorer plus per-type precision and recall.

The overall figures come from ``../shared/gold/score.py`` itself (imported by path,
its printout captured), so they are exactly what the project is judged by.
Per type: a prediction of type T is correct when it matches an asserted gold event
(same document, accepted source, target and type); a core gold event counts for
its first listed type and is found when any asserted prediction matches it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import ResourceError
from .runner import export_records, run, seed_articles, shared_dir

NOT_ASSERTED = {"hypothetical", "negated"}


@dataclass(frozen=True, slots=True)
class SeedScore:
    f1: float
    precision: float
    recall: float
    scorer_output: str
    per_type: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # type -> (tp, pred, found, gold)
    predictions: tuple[dict[str, Any], ...] = ()


def load_scorer() -> ModuleType:
    path = shared_dir() / "gold" / "score.py"
    spec = importlib.util.spec_from_file_location("flashpoint_gold_score", path)
    if spec is None or spec.loader is None:
        raise ResourceError(f"cannot load the gold scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_gold() -> list[dict[str, Any]]:
    path: Path = shared_dir() / "gold" / "seeds.events.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def per_type(gold: list[dict[str, Any]], preds: list[dict[str, Any]], scorer: ModuleType) -> dict[str, tuple[int, int, int, int]]:
    asserted = [p for p in preds if p.get("modality") not in NOT_ASSERTED]
    real = [g for g in gold if set(g["modality"]) - NOT_ASSERTED]
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    for p in asserted:
        npred[p["plover"]] += 1
        if any(scorer.matches(g, p) for g in real):
            tp[p["plover"]] += 1
    found: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    for g in gold:
        if not g["core"]:
            continue
        kind = g["plover"][0]
        ngold[kind] += 1
        if any(scorer.matches(g, p) for p in asserted):
            found[kind] += 1
    kinds = sorted(set(npred) | set(ngold))
    return {k: (tp[k], npred[k], found[k], ngold[k]) for k in kinds}


def score_seeds(isolated: bool = False, verbose: bool = True) -> SeedScore:
    """Run the pipeline on the seed articles and score the exported events."""
    docs = run(seed_articles(), isolated=isolated)
    preds = export_records(docs)
    # the exported JSON form, as `flashpoint export --format jsonl` writes it
    preds = [json.loads(json.dumps(p, ensure_ascii=False)) for p in preds]
    scorer = load_scorer()
    gold = load_gold()
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        f1, precision, recall = scorer.score(gold, preds, verbose=verbose)
    return SeedScore(f1, precision, recall, buffer.getvalue(), per_type(gold, preds, scorer), tuple(preds))
