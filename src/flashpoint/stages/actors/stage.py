"""The actors stage: find actor mentions and code them (country, sector, identity, reason)."""

from __future__ import annotations

from typing import Any

from ...config import Settings
from ...records import Doc, Mention
from .compose import Composer, Draft
from .coref import Resolver
from .knowledge import Knowledge, load_knowledge
from .lexicon import lexicon_for
from .resolve import day_of
from .scene import Scene
from .setting import dateline_country, named_places, read_setting, regional_names
from .units import Tokens


class ActorsStage:
    name = "actors"
    reads: tuple[str, ...] = ("article", "sentences", "entities", "nlp")
    writes: tuple[str, ...] = ("mentions",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    @property
    def knowledge(self) -> Knowledge:
        return load_knowledge(self.settings)

    def __call__(self, doc: Doc) -> Doc:
        from ..nlp import load_model

        nlp = load_model(self.settings.spacy_model)
        sdoc = doc.nlp if doc.nlp is not None else nlp(doc.article.text)
        return doc.replace(mentions=find_mentions(doc, sdoc, self.knowledge, nlp))


def find_mentions(doc: Doc, sdoc: Any, kb: Knowledge, nlp: Any) -> tuple[Mention, ...]:
    """All actor mentions of one document (``sdoc`` is its spaCy doc, ``nlp`` the language that made it)."""
    lexicon = lexicon_for(kb, nlp)
    day = day_of(doc.article.published)
    tokens = Tokens(sdoc, kb, lexicon.matches(sdoc), day, doc.article.text)
    dateline = dateline_country(kb, doc.article.dateline)
    places = named_places(tokens)
    tokens.regional = regional_names(tokens, places)
    composer = Composer(tokens, kb, day, dateline, places)
    drafts = composer.run()
    starts = [s.start for s in doc.sentences] or [0]
    drafts = Resolver(tokens, starts).run(drafts)
    setting = read_setting(tokens, kb, composer.places, places, doc.article.dateline)
    drafts = Scene(tokens, kb, starts, day, dateline, composer.places, setting).run(drafts)
    return _finish(tokens, drafts)


def _finish(tokens: Tokens, drafts: list[Draft]) -> tuple[Mention, ...]:
    kept: list[Draft] = []
    for d in sorted(drafts, key=lambda d: (d.start, -(d.end - d.start))):
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    index = {id(d): n for n, d in enumerate(kept)}
    out = []
    for d in kept:
        start, end = tokens.char_span(d.start, d.end)
        ref = index.get(id(d.antecedent)) if d.antecedent is not None else None
        out.append(
            Mention(
                start=start,
                end=end,
                text=tokens.doc_text[start:end],
                name=d.name,
                country=d.country,
                sector=d.sector,
                entity=d.entity,
                kind=d.kind,
                role=d.role,
                igo=d.igo,
                confidence=round(d.confidence, 2),
                reason=d.reason,
                ref=ref,
            )
        )
    return tuple(out)


def mentions_in(doc: Doc, start: int, end: int) -> list[Mention]:
    """The mentions of ``doc`` that lie inside characters ``start:end`` (e.g. one clause), in order."""
    return [m for m in doc.mentions if m.start >= start and m.end <= end]
