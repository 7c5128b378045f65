"""Helpers shared by the actors-stage tests: run the NLP and actors stages on one text, find its mentions."""

from __future__ import annotations

from collections.abc import Callable

from flashpoint.records import Article, Doc, Mention


def analyser(published: str | None) -> Callable[..., Doc]:
    """``analyse(text, published=..., dateline=None) -> Doc`` through the NLP and actors stages."""
    from flashpoint.stages.actors import ActorsStage
    from flashpoint.stages.nlp import NLPStage

    nlp, actors = NLPStage(), ActorsStage()
    default = published

    def analyse(text: str, published: str | None = default, dateline: str | None = None) -> Doc:
        article = Article(key="k", doc="d", text=text, published=published, dateline=dateline)
        return actors(nlp(Doc(article=article)))

    return analyse


def find(doc: Doc, text: str) -> Mention:
    hits = [m for m in doc.mentions if m.text == text]
    assert hits, f"no mention {text!r} in {[(m.text, m.country) for m in doc.mentions]}"
    return hits[0]


def coded(doc: Doc, text: str) -> tuple[str | None, str | None]:
    m = find(doc, text)
    return m.country, m.sector


def absent(doc: Doc, text: str) -> None:
    assert not [m for m in doc.mentions if text in m.text], f"{text!r} should not be an actor: {doc.mentions}"
