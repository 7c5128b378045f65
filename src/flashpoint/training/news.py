"""Real news sentences for labelling and training: the geoparsing corpora's articles outside the dev set.

The articles come from ``../shared/data/geoparsing-gold`` (GeoWebNews, LGL, TR-News, GeoVirus; the
texts stay there). The 56 articles of ``../shared/gold/dev/INDEX.tsv`` are excluded: they are the
development set. Sentences are flashpoint's own: the article is cleaned and split by the NLP stage as
``flashpoint ingest`` would; sentence 0 is the title. Labels (``train/events/news/*.jsonl``) refer to
a sentence by corpus, article id, number and the first 12 hex digits of its SHA-1; the training
loader finds it by the SHA-1, so a change in cleaning that moves sentences costs only the lines whose
sentence changed. ``tools/news_sentences.py`` is the labellers' command line over this module.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from functools import lru_cache
from typing import Any

from ..eval.runner import shared_dir


@lru_cache(maxsize=1)
def _texts_module() -> Any:
    path = shared_dir() / "gold" / "dev" / "texts.py"
    spec = importlib.util.spec_from_file_location("dev_texts", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@lru_cache(maxsize=1)
def dev_ids() -> set[tuple[str, str]]:
    with (shared_dir() / "gold" / "dev" / "INDEX.tsv").open(encoding="utf-8") as f:
        return {(r["corpus"], r["id"]) for r in csv.DictReader(f, delimiter="\t")}


@lru_cache(maxsize=8)
def articles(corpus: str) -> dict[str, dict[str, str]]:
    if corpus == "geovirus":
        import html
        import re

        xml = (shared_dir() / "data" / "geoparsing-gold" / "GeoVirus.xml").read_text(encoding="utf-8")
        out = {}
        for n, body in enumerate(re.findall(r"<article>(.*?)</article>", xml, re.S)):
            text = re.search(r"<text>(.*?)</text>", body, re.S)
            out[str(n)] = {"title": "", "text": html.unescape(text.group(1)) if text else "", "link": ""}
        return out
    found = _texts_module().articles(corpus)
    return {k: v for k, v in found.items() if (corpus, k) not in dev_ids()}


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=2048)
def sentences(corpus: str, ident: str) -> tuple[str, ...]:
    """Title first (may be ""), then the clean article's sentences as the NLP stage splits them."""
    from flashpoint.records import Article, Doc, Item
    from flashpoint.stages.clean import clean_item
    from flashpoint.stages.nlp import NLPStage

    art = articles(corpus)[ident]
    item = Item(origin=f"{corpus}-{ident}", text=art["text"], id=f"{corpus}-{ident}", title=art.get("title") or None)
    cleaned = clean_item(item)
    if not isinstance(cleaned, Article):
        return (art.get("title") or "",)
    doc = NLPStage()(Doc(article=cleaned))
    return (cleaned.title or "", *(s.text for s in doc.sentences))
