"""The token-level view the composer works on: matched units and the words around them.

A *unit* is a maximal dictionary match (a country name, a demonym, a title, a known
person, an outlet, ...) or a spaCy ``PERSON`` entity the dictionary does not know.
Units never overlap; the longest match starting leftmost wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..nlp import lemma_of, token_table
from .knowledge import Knowledge, SectorWord
from .lexicon import Match, Surface
from .person_names import person_spans

POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "``", "''", "«", "»"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"})
FILLER_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "VBN", "HYPH"})
VERB_TAGS = frozenset({"MD", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
ORIGIN_KINDS = ("entity", "country", "capital", "demonym", "people")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class Unit:
    start: int  # token indices
    end: int
    surfaces: tuple[Surface, ...]
    ner: str | None = None  # "PERSON" for a spaCy person

    def of(self, kind: str) -> Surface | None:
        for s in self.surfaces:
            if s.kind == kind:
                return s
        return None


class Tokens:
    """The spaCy doc plus the units found in it, with the small look-ups the rules need."""

    def __init__(
        self, sdoc: Any, kb: Knowledge, matches: list[Match], day: str | None = None, text: str | None = None
    ) -> None:
        self.sdoc = sdoc
        self.kb = kb
        self.day = day  # the article date: picks between people who share a name ("Bush")
        self.n = len(sdoc)
        self.doc_text: str = sdoc.text if text is None else text  # Doc.text joins every token: pass it when known
        table = token_table(sdoc)
        self._text = table.text
        self._lower = table.lower
        self._tag = table.tag
        self._given_lemma = table.lemma  # "" where no lemmatizer ran: then worked out from the tag when asked
        self._lemma: dict[int, str] = {}
        self.idx = table.idx
        self.ents = tuple(sdoc.ents)  # spaCy recomputes Doc.ents on every access
        self.regional: dict[str, str] = {}  # country names read as another country's state ("Georgia" -> USA)
        self._phrases: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        self.units = _units(sdoc, kb, matches)
        self.unit_at = {u.start: u for u in self.units}
        self.unit_covering: dict[int, Unit] = {}
        for u in self.units:
            for i in range(u.start, u.end):
                self.unit_covering[i] = u

    # ---- tokens
    def text(self, i: int) -> str:
        return self._text[i] if 0 <= i < self.n else ""

    def lower(self, i: int) -> str:
        return self._lower[i] if 0 <= i < self.n else ""

    def tag(self, i: int) -> str:
        return self._tag[i] if 0 <= i < self.n else ""

    def lemma(self, i: int) -> str:
        if not 0 <= i < self.n:
            return ""
        lemma = self._lemma.get(i)
        if lemma is None:
            lemma = self._lemma[i] = (self._given_lemma[i] or lemma_of(self._text[i], self._tag[i])).lower()
        return lemma

    def span_text(self, start: int, end: int) -> str:
        first, last = self.char_span(start, end)
        return self.doc_text[first:last]

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.idx[start], self.idx[end - 1] + len(self._text[end - 1])

    def is_possessive(self, i: int) -> bool:
        return self.tag(i) == "POS" or (self.text(i) in POSSESSIVE and self.tag(i) in {"POS", "''", "``"})

    def is_verb(self, i: int) -> bool:
        return self.tag(i) in VERB_TAGS

    def word_in(self, i: int, cls: str) -> bool:
        return self.lower(i) in self.kb.words(cls)

    def phrase_at(self, i: int, cls: str) -> int:
        """Length in tokens of a phrase of class ``cls`` starting at token i (0 if none)."""
        index = self._phrases.get(cls)
        if index is None:
            index = {}
            for phrase in self.kb.words(cls):
                words = tuple(phrase.split())
                index.setdefault(words[0], []).append(words)
            self._phrases[cls] = index
        best = 0
        for words in index.get(self.lower(i), ()):
            if len(words) > best and all(self.lower(i + k) == w for k, w in enumerate(words)):
                best = len(words)
        return best

    def skip_back(self, i: int) -> int:
        """The index of the first token before i that is not a determiner or quote."""
        j = i - 1
        while j >= 0 and (self.lower(j) in DETERMINERS or self.text(j) in QUOTES):
            j -= 1
        return j

    # ---- units
    def sector(self, u: Unit | None) -> SectorWord | None:
        if u is None:
            return None
        s = u.of("sector")
        return self.kb.sectors.get(s.key) if s else None

    def person_entity(self, u: Unit | None) -> str | None:
        """The known person a unit names; when several share the form, the one in office nearest the article date."""
        if u is None:
            return None
        found = [
            s.key
            for s in u.surfaces
            if s.kind == "entity" and self.kb.rows(s.key) and self.kb.rows(s.key)[0].kind == "person"
        ]
        if len(found) <= 1:
            return found[0] if found else None
        return max(found, key=lambda e: _nearness(self.kb, e, self.day))

    def origin(self, u: Unit | None) -> Surface | None:
        """What a unit names as an actor's origin: a body, a country, capital, demonym or people noun."""
        if u is None:
            return None
        if self.regional and u.of("country") is not None and self.regional_state(u) is not None:
            return None  # "Georgia" in a story about Atlanta: a US state, no country actor
        for kind in ORIGIN_KINDS:
            s = u.of(kind)
            if s is None:
                continue
            if kind == "entity" and self.kb.rows(s.key)[0].kind == "person":
                continue
            return s
        return None

    def regional_state(self, u: Unit) -> str | None:
        """The country whose state or province a country name here stands for, if any (see :attr:`regional`)."""
        return self.regional.get(self.span_text(u.start, u.end).lower())

    def is_name(self, u: Unit | None) -> bool:
        return u is not None and (u.ner == "PERSON" or self.person_entity(u) is not None)


def _units(sdoc: Any, kb: Knowledge, matches: list[Match]) -> list[Unit]:
    """Greedy longest-leftmost units from dictionary matches and unknown spaCy persons."""
    candidates: list[tuple[int, int, int, Unit]] = []
    ents = tuple(sdoc.ents)
    in_place_name = {i for ent in ents if ent.label_ in PLACE_LABELS for i in range(ent.start + 1, ent.end)}
    # a name inside another place's name after a capitalised word of it: "New Mexico", "Gulf of Mexico"
    # (not "the United States", whose entity only adds a determiner)
    named_inside = {
        i
        for ent in ents
        if ent.label_ in PLACE_LABELS
        for i in range(ent.start + 1, ent.end)
        if any(t.text[:1].isupper() and t.tag_ != "DT" for t in sdoc[ent.start:i])
    }
    for m in matches:
        if all(s.kind == "sector" for s in m.surfaces) and m.start in in_place_name:
            continue  # "Bank" in "West Bank", "Council" in a place name: part of a name, not a sector word
        if all(s.kind in ("country", "capital") for s in m.surfaces) and m.start in named_inside:
            continue  # "Mexico" in "New Mexico" or "the Gulf of Mexico": part of another place's name
        candidates.append((m.start, -(m.end - m.start), 0, Unit(m.start, m.end, m.surfaces)))
    by_start: dict[int, list[Match]] = {}
    for m in matches:
        by_start.setdefault(m.start, []).append(m)
    for start, end in person_spans(sdoc, kb, by_start):
        if start >= end or any(
            m.start >= start and m.end <= end and _names_person(kb, m) and _same_person(kb, sdoc, start, end, m)
            for ms in by_start.values()
            for m in ms
        ):
            continue
        candidates.append((start, -(end - start), 1, Unit(start, end, (), "PERSON")))
    candidates.sort(key=lambda c: c[:3])
    units: list[Unit] = []
    pos = 0
    for start, _, _, unit in candidates:
        if start < pos:
            same = units and units[-1].start == start and units[-1].end == unit.end
            if (
                same
                and unit.ner
                and not any(s.kind != "entity" or kb.rows(s.key)[0].kind != "person" for s in units[-1].surfaces)
            ):
                units[-1] = Unit(start, unit.end, units[-1].surfaces, unit.ner)
            continue
        units.append(unit)
        pos = unit.end
    return units


def _nearness(kb: Knowledge, entity: str, day: str | None) -> tuple[int, str]:
    """How well a person fits the article date: in office on it > left office before it (latest first) > later."""
    rows = kb.rows(entity)
    if day is None:
        return (1, max(r.start for r in rows))
    if any(r.holds_on(day) for r in rows):
        return (3, max(r.start for r in rows if r.holds_on(day)))
    ended = [r.end for r in rows if r.end and r.end <= day]
    if ended:
        return (2, max(ended))
    return (0, "")


def _same_person(kb: Knowledge, sdoc: Any, start: int, end: int, m: Match) -> bool:
    """Does a known person's name inside a spaCy person span name that person? "Hunter Biden" and
    "Jimmy Lai" do not: their other words are not names of the known person."""
    words: set[str] = set()
    for s in m.surfaces:
        if s.kind == "entity":
            for r in kb.rows(s.key):
                for form in (r.name, *r.aliases):
                    words.update(w.strip(".,").lower() for w in form.replace("-", " ").split())
    others = [sdoc[k] for k in (*range(start, m.start), *range(m.end, end))]
    return all(not tok.is_alpha or tok.lower_.strip(".") in words for tok in others)


def _names_person(kb: Knowledge, m: Match) -> bool:
    return any(s.kind == "entity" and kb.rows(s.key)[0].kind == "person" for s in m.surfaces)
