"""The actors stage: actor mentions coded to country, sector, identity and a reason.

Public surface (documented in ``docs/actors.md``):

* :class:`ActorsStage` — the pipeline stage (reads article, sentences, entities, nlp; writes mentions)
* :func:`mentions_in` — the mentions inside a character span, for the events stage
* :func:`load_knowledge` — the cached knowledge base for a :class:`~flashpoint.config.Settings`
"""

from __future__ import annotations

from .knowledge import Knowledge, build_knowledge, load_knowledge
from .stage import ActorsStage, find_mentions, mentions_in

__all__ = ["ActorsStage", "Knowledge", "build_knowledge", "find_mentions", "load_knowledge", "mentions_in"]
