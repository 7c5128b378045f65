"""The development set: news-style articles written for flashpoint, with gold events.

``tests/data/dev_articles/*.txt`` (one article each, wire-service style) and
``tests/data/dev_gold/dev.events.jsonl`` (gold in the format of the shared seed gold,
scored by ``../shared/gold/score.py``). The gold lives outside the article folder so
``flashpoint ingest tests/data/dev_articles`` does not read it as articles.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path
from typing import Any

from ..errors import ResourceError
from .runner import article_from_text, export_records, run
from .seeds import SeedScore, load_scorer, per_type


def dev_dir() -> Path:
    env = os.environ.get("FLASHPOINT_DEV_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / "tests" / "data"
    if not (path / "dev_articles").is_dir():
        raise ResourceError(f"development articles not found under {path} (set FLASHPOINT_DEV_DATA)")
    return path


def load_dev_gold() -> list[dict[str, Any]]:
    path = dev_dir() / "dev_gold" / "dev.events.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score_dev(isolated: bool = False, verbose: bool = True) -> SeedScore:
    """Run the pipeline on the development articles and score the exported events."""
    paths = sorted((dev_dir() / "dev_articles").glob("*.txt"))
    docs = run([article_from_text(p.read_text(encoding="utf-8"), p.stem, str(p)) for p in paths], isolated=isolated)
    preds = [json.loads(json.dumps(p, ensure_ascii=False)) for p in export_records(docs)]
    scorer = load_scorer()
    gold = load_dev_gold()
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        f1, precision, recall = scorer.score(gold, preds, verbose=verbose)
    return SeedScore(f1, precision, recall, buffer.getvalue(), per_type(gold, preds, scorer), tuple(preds))
