"""The development sets: news-style articles written for flashpoint, with gold events.

Two sets, each ``tests/data/<name>_articles/*.txt`` (one article each, wire-service style)
with gold in ``tests/data/<name>_gold/<name>.events.jsonl`` (the format of the shared seed
gold, scored by ``../shared/gold/score.py``). The gold lives outside the article folder so
``flashpoint ingest tests/data/<name>_articles`` does not read it as articles.

* ``dev``  (d01-d14): the articles the event rules were tuned on;
* ``dev2`` (n01-n12): fresh articles on other conflicts and styles, gold written before the
  system was run on them;
* ``heldout`` (h01-h04): the lead's blind set; no rule was written while looking at it, so it
  is the honest measure of how the rules generalise.
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

DEV_SETS = ("dev", "dev2", "heldout")
DEV_LABELS = {
    "dev": "development articles (tests/data/dev_articles, tuned on)",
    "dev2": "fresh development articles (tests/data/dev2_articles)",
    "heldout": "blind held-out articles (tests/data/heldout_articles, never tuned on)",
}


def dev_dir(name: str = "dev") -> Path:
    env = os.environ.get("FLASHPOINT_DEV_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / "tests" / "data"
    if not (path / f"{name}_articles").is_dir():
        raise ResourceError(f"development articles {name}_articles not found under {path} (set FLASHPOINT_DEV_DATA)")
    return path


def load_dev_gold(name: str = "dev") -> list[dict[str, Any]]:
    if name not in DEV_SETS:
        raise ResourceError(f"unknown development set {name!r} (known: {', '.join(DEV_SETS)})")
    path = dev_dir(name) / f"{name}_gold" / f"{name}.events.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score_dev(isolated: bool = False, verbose: bool = True, name: str = "dev") -> SeedScore:
    """Run the pipeline on one development set and score the exported events."""
    gold = load_dev_gold(name)
    paths = sorted((dev_dir(name) / f"{name}_articles").glob("*.txt"))
    docs = run([article_from_text(p.read_text(encoding="utf-8"), p.stem, str(p)) for p in paths], isolated=isolated)
    preds = [json.loads(json.dumps(p, ensure_ascii=False)) for p in export_records(docs)]
    scorer = load_scorer()
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        f1, precision, recall = scorer.score(gold, preds, verbose=verbose)
    return SeedScore(f1, precision, recall, buffer.getvalue(), per_type(gold, preds, scorer), tuple(preds))


def score_dev2(isolated: bool = False, verbose: bool = True) -> SeedScore:
    """The fresh development set (n01-n12), scored like :func:`score_dev`."""
    return score_dev(isolated=isolated, verbose=verbose, name="dev2")


def score_heldout(isolated: bool = False, verbose: bool = True) -> SeedScore:
    """The blind held-out set (h01-h04), scored like :func:`score_dev`."""
    return score_dev(isolated=isolated, verbose=verbose, name="heldout")
