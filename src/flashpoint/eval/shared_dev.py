"""The shared development set: 56 real articles (``../shared/gold/dev``) with gold written blind.

The texts are not copied into the project: ``../shared/gold/dev/texts.py`` reads them from
``../shared/data/geoparsing-gold`` by the ids in its ``INDEX.tsv``. This module imports that
script by path (as :func:`flashpoint.eval.seeds.load_scorer` imports the scorer), so the
articles are exactly the ones ``python3 texts.py -o dev.jsonl`` writes for ``flashpoint ingest``.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import ResourceError
from ..records import Article, Item
from ..stages.clean import clean_item
from .runner import shared_dir


def gold_dir() -> Path:
    return shared_dir() / "gold" / "dev"


def _texts_module() -> ModuleType:
    path = gold_dir() / "texts.py"
    spec = importlib.util.spec_from_file_location("flashpoint_dev_texts", path)
    if spec is None or spec.loader is None:
        raise ResourceError(f"cannot load the development texts script at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=1)
def dev_records() -> tuple[dict[str, Any], ...]:
    """The development articles as the JSONL records ``texts.py`` writes (id, title, text, url, published)."""
    texts = _texts_module()
    cache: dict[str, dict[str, dict[str, str]]] = {}
    out = []
    with (gold_dir() / "INDEX.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            corpus, aid = row["corpus"], row["id"]
            if corpus not in cache:
                cache[corpus] = texts.articles(corpus)
            found = cache[corpus][aid]
            record = {"id": row["doc"], "title": found["title"], "text": found["text"], "url": found["link"] or None}
            if row.get("published"):
                record["published"] = row["published"]
            out.append(record)
    return tuple(out)


def dev_articles() -> list[Article]:
    """The development articles, cleaned as ``flashpoint ingest dev.jsonl`` cleans them."""
    out = []
    for rec in dev_records():
        item = Item(origin=f"dev.jsonl#{rec['id']}", text=rec["text"], id=rec["id"], url=rec.get("url"),
                    title=rec.get("title"), published=rec.get("published"))
        result = clean_item(item)
        if not isinstance(result, Article):
            raise ResourceError(f"development article {rec['id']} was rejected by cleaning: {result.message()}")
        out.append(result)
    return out


def dev_gold_events() -> list[dict[str, Any]]:
    path = gold_dir() / "dev.events.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def dev_gold_facts() -> dict[str, Any]:
    return json.loads((gold_dir() / "dev.facts.json").read_text(encoding="utf-8"))


def score_shared_dev(verbose: bool = True) -> Any:
    """Run the pipeline on the 56 development articles and score their events with ``score.py``."""
    import contextlib
    import io

    from .runner import export_records, run
    from .seeds import SeedScore, load_scorer, per_type

    gold = dev_gold_events()
    docs = run(dev_articles())
    preds = [json.loads(json.dumps(p, ensure_ascii=False)) for p in export_records(docs)]
    scorer = load_scorer()
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        f1, precision, recall = scorer.score(gold, preds, verbose=verbose)
    accepted, matched = modality_agreement(gold, preds, scorer)
    buffer.write(f"modality accepted by the gold on events matched whatever their modality: "
                 f"{accepted}/{matched} = {accepted / max(1, matched):.3f}\n")
    return SeedScore(f1, precision, recall, buffer.getvalue(), per_type(gold, preds, scorer), tuple(preds))


def modality_agreement(gold: list[dict[str, Any]], preds: list[dict[str, Any]], scorer: Any) -> tuple[int, int]:
    """Predictions matching a gold event on document, sides and type (any modality), and how many of
    them carry a modality that gold event accepts."""
    accepted = matched = 0
    for p in preds:
        hits = [g for g in gold if scorer.matches(g, p)]
        if hits:
            matched += 1
            accepted += any(p.get("modality") in g["modality"] for g in hits)
    return accepted, matched
