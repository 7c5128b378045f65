"""Helpers shared by the events-stage tests: run the NLP and events stages on one text, read the events."""

from __future__ import annotations

from typing import Any

from flashpoint.eval.simple_actors import simple_mentions
from flashpoint.records import Article, Doc, Mention


def run(stages: tuple[Any, Any], text: str, mentions: tuple[Mention, ...] | None = None) -> Doc:
    """The events of ``text``; mentions from the small evaluation tagger unless given, so the
    tests do not depend on the actors stage."""
    nlp, events = stages
    doc = nlp(Doc(article=Article(key="k", doc="d", text=text)))
    return events(doc.replace(mentions=simple_mentions(text) if mentions is None else mentions))


def hand(text: str, *actors: tuple[str, str, str]) -> tuple[Mention, ...]:
    """Mentions built by hand: (words, country, sector), found in order in the text."""
    out = []
    for words, country, sector in actors:
        at = text.index(words)
        out.append(Mention(at, at + len(words), words, words, country, sector))
    return tuple(out)


def triples(doc: Doc) -> set[tuple[str | None, str | None, str, str]]:
    return {(e.source.country, e.target.country if e.target else None, e.plover, e.modality) for e in doc.events}


def pairs(doc: Doc) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.country, e.target.country if e.target else None, e.plover) for e in doc.events}
