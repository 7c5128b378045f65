"""Every surface form of the knowledge base in one spaCy ``PhraseMatcher``.

Forms are matched on lower-cased tokens; each match is then checked against the
form's case rule (:func:`case_rule`) so that "US" is not "us", "Turkey" at the
start of a word is a country but "turkey" is not, and "IRGC" must be written so.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .knowledge import Knowledge

SURFACE_KINDS = ("country", "demonym", "people", "capital", "entity", "sector")


@dataclass(frozen=True, slots=True)
class Surface:
    """One meaning of a surface form: ``kind`` + ``key`` (ISO3, entity id or sector phrase)."""

    kind: str
    key: str
    form: str
    case: str  # exact | capital | any
    user: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # token indices
    end: int
    surfaces: tuple[Surface, ...]


def case_rule(form: str, kind: str) -> str:
    """How a form must be written in the text to count."""
    if kind == "sector":
        return "any"
    letters = [c for c in form if c.isalpha()]
    if len(letters) >= 2 and not any(c.islower() for c in letters):
        return "exact"
    if len(form) <= 6 and any(c.isupper() for c in form[1:]):
        return "exact"
    if form[:1].isupper():
        return "capital"
    return "any"


def _case_ok(surface: Surface, text: str) -> bool:
    if surface.case == "exact":
        return text == surface.form
    if surface.case == "capital":
        form_words, text_words = surface.form.split(), text.split()
        if len(form_words) != len(text_words):
            return text[:1].isupper()
        return all(t[:1].isupper() for f, t in zip(form_words, text_words, strict=True) if f[:1].isupper())
    return True


class Lexicon:
    def __init__(self, kb: Knowledge, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.kb = kb
        self.surfaces: dict[str, list[Surface]] = {}
        for surface in self._all_surfaces(kb):
            self.surfaces.setdefault(surface.form.lower(), []).append(surface)
        self._prefer_user_entities()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # Tokenise each form as written (tokenizer exceptions are case-sensitive: "U.S." vs "u.s."),
        # inside a dummy sentence so a final period stays attached as it does in running text.
        keys = sorted(self.surfaces)
        written = [self.surfaces[k][0].form for k in keys]
        for key, pattern in zip(keys, nlp.tokenizer.pipe(written), strict=True):
            self.matcher.add(key, [pattern])
        dotted = [(k, w) for k, w in zip(keys, written, strict=True) if w.endswith(".")]
        for (key, _), context in zip(dotted, nlp.tokenizer.pipe(f"{w} x" for _, w in dotted), strict=True):
            self.matcher.add(key, [context[:-1].as_doc()])
        # abbreviated titles are tokenizer exceptions only when capitalised: "Gov." is one token, "gov." two
        titles = [(k, w) for k, w in dotted if w[:1].islower()]
        for (key, _), context in zip(titles, nlp.tokenizer.pipe(f"{w[:1].upper()}{w[1:]} X" for _, w in titles), strict=True):
            self.matcher.add(key, [context[:-1].as_doc()])
        self._strings = nlp.vocab.strings
        self.acronyms = kb.words("acronym")

    @staticmethod
    def _all_surfaces(kb: Knowledge) -> Iterator[Surface]:
        def make(kind: str, key: str, forms: Iterable[str], user: bool = False) -> Iterator[Surface]:
            for form in forms:
                form = form.strip()
                if form:
                    yield Surface(kind, key, form, case_rule(form, kind), user)

        for c in kb.countries.values():
            yield from make("country", c.iso3, (c.name, *c.names))
            yield from make("demonym", c.iso3, c.demonyms)
            yield from make("people", c.iso3, c.people)
            if c.sovereign:
                yield from make("capital", c.iso3, c.capitals)
        for entity, rows in kb.entities.items():
            user = rows[0].origin != "package" and not rows[0].origin.startswith("actors/")
            names = dict.fromkeys(f for r in rows for f in (r.name, *r.aliases))
            yield from make("entity", entity, names, user)
        for phrase in kb.sectors:
            yield from make("sector", phrase, (phrase,))

    def _prefer_user_entities(self) -> None:
        for form, surfaces in self.surfaces.items():
            if any(s.user for s in surfaces):
                self.surfaces[form] = [s for s in surfaces if s.user or s.kind != "entity"]

    def matches(self, sdoc: Any) -> list[Match]:
        """All case-checked matches in a spaCy doc, in (start, -length) order."""
        out = []
        for match_id, start, end in self.matcher(sdoc):
            form = self._strings[match_id]
            text = sdoc[start:end].text
            surfaces = tuple(s for s in self.surfaces.get(form, ()) if _case_ok(s, text))
            if surfaces and form in self.acronyms and text[:1].isupper() and text[1:].islower():
                surfaces = tuple(s for s in surfaces if s.kind != "sector")  # "Ngo" in "Ngo Xuan Lich" is a name
            if surfaces and not _shouted_acronym(sdoc, start, end, surfaces):
                out.append(Match(start, end, surfaces))
        out.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return out


def _shouted_acronym(sdoc: Any, start: int, end: int, surfaces: tuple[Surface, ...]) -> bool:
    """An exact all-capital form inside an all-capital line ("IRAN IS READY") is not an acronym."""
    if not all(s.case == "exact" for s in surfaces) or end - start != 1:
        return False
    neighbours = [t for t in sdoc[max(0, start - 2) : end + 2] if t.i != start and t.is_alpha and len(t.text) > 1]
    return bool(neighbours) and all(t.is_upper for t in neighbours)


_lock = threading.Lock()
_cache: dict[tuple[int, int], tuple[Knowledge, Lexicon]] = {}


def lexicon_for(kb: Knowledge, nlp: Any) -> Lexicon:
    """The lexicon of a knowledge base for a spaCy vocabulary, built once."""
    key = (id(kb), id(nlp.vocab))
    with _lock:
        hit = _cache.get(key)
        if hit is None or hit[0] is not kb:
            hit = (kb, Lexicon(kb, nlp))
            _cache[key] = hit
        return hit[1]
