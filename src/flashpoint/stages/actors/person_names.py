"""Where people's names are in a text: spaCy's persons, cleaned, and the names the small model misses.

* spaCy's PERSON entities without the titles, honorifics and possessive around them ("Mrs Clinton's"
  -> "Clinton"), not right after "the" ("the House Majority Caucus"), split at "and" ("Ngo Xuan Lich and Sergey Shoyu"), extended by proper nouns spaCy cut
  off ("Ildefonso Guajardo Villarreal");
* proper nouns right after a title or an honorific ("the outgoing PM Miro Cerar", "Mr. Mesec"), or two
  or more after a singular person noun ("cleric Fethullah Gulen");
* two to four proper nouns that news only writes of a person: followed by an age (", 22;"), by ", who",
  or by an apposition with a title (", the chair of the Georgian Parliament"); listed with "and" right
  before or after a person ("Marc David Deen and Seergeoh Villanueva").
"""

from __future__ import annotations

from typing import Any

from ..nlp import token_table
from .knowledge import Knowledge
from .lexicon import Match

SHORT_TITLES = frozenset({"general", "major", "captain", "chief", "justice", "chair", "king", "queen"})
MAX_NAME = 4  # proper nouns after a title read as a name
MAX_TAIL = 2  # proper nouns added after a spaCy person ("Ildefonso Guajardo" + "Villarreal")
PERSON_SECTORS = frozenset(
    {"REL", "GOV", "MIL", "COP", "JUD", "LEG", "EDU", "CVL", "OPP", "REB", "UAF", "CRM", "ELI", "LAB", "AGR", "HLH"}
)
NOT_NAMES = frozenset({"NORP", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "EVENT"})
PLACES = frozenset({"GPE", "LOC", "FAC"})  # the small model calls many names places: only patterns overrule it


def person_spans(sdoc: Any, kb: Knowledge, by_start: dict[int, list[Match]]) -> list[tuple[int, int]]:
    """Token spans of people's names (see the module docstring), not overlapping each other."""
    reader = _Reader(sdoc, kb, by_start)
    reader.entities()
    reader.after_titles()
    reader.by_pattern()
    reader.repeated_surnames()
    return reader.spans


class _Reader:
    def __init__(self, sdoc: Any, kb: Knowledge, by_start: dict[int, list[Match]]) -> None:
        self.sdoc = sdoc
        self.n = len(sdoc)
        table = token_table(sdoc)
        self.text, self.low, self.tag = table.text, table.lower, table.tag
        self.ents = tuple(sdoc.ents)
        self.kb = kb
        self.by_start = by_start
        self.honorific = kb.words("honorific")
        self.not_name_words = kb.words("org_word") | kb.words("place_noun") | kb.words("name_stop")
        self.spans: list[tuple[int, int]] = []
        self.taken: set[int] = set()
        self.entity_tokens = {
            i
            for ms in by_start.values()
            for m in ms
            if any(s.kind != "sector" for s in m.surfaces) and not _names_person(kb, m)
            for i in range(m.start, m.end)
        }
        self.not_name = {i for ent in self.ents if ent.label_ in NOT_NAMES for i in range(ent.start, ent.end)}
        self.place = {i for ent in self.ents if ent.label_ in PLACES for i in range(ent.start, ent.end)}
        self.person = {i for ent in self.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
        self.title_ends = {m.end for ms in by_start.values() for m in ms if is_title(kb, m, m.end + 2)}

    # ------------------------------------------------------------------ helpers
    def _proper(self, i: int) -> bool:
        """A free capitalised proper noun: no table's unit, no other person, no place or date, no word of a
        body's or a street's name ("Street", "Society")."""
        return (
            0 <= i < self.n
            and self.tag[i] == "NNP"
            and self.text[i][:1].isupper()
            and self.low[i] not in self.not_name_words
            and i not in self.taken
            and i not in self.entity_tokens
            and not self.by_start.get(i)
        )

    def _run(self, start: int, limit: int = MAX_NAME, places: bool = False) -> int:
        """The end of a run of free proper nouns from ``start``; through spaCy's places only with ``places``."""
        end = start
        while (
            end < self.n
            and end - start < limit
            and self._proper(end)
            and end not in self.not_name
            and (places or end not in self.place)
        ):
            end += 1
        return end

    def _add(self, start: int, end: int) -> None:
        if end > start and not any(i in self.taken for i in range(start, end)):
            self.spans.append((start, end))
            self.taken.update(range(start, end))

    def _lower(self, i: int) -> str:
        return self.low[i] if 0 <= i < self.n else ""

    # ------------------------------------------------------------------ spaCy persons
    def entities(self) -> None:
        kb, by_start, tag, text = self.kb, self.by_start, self.tag, self.text
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = ent.start, ent.end
            if any(self.low[k] in self.not_name_words for k in range(start, end)):
                continue  # "Yorkshire Law Society", "Queen Street": a body's or a street's name
            titled = False
            while start < end:
                if _title_at(kb, by_start, start, end):
                    titled = True
                    start = max(m.end for m in by_start[start] if m.end <= end and is_title(kb, m, end))
                elif tag[start] in {"DT", "POS", "``", "''"} or (self.low[start] in self.honorific and end - start > 1):
                    start += 1
                else:
                    break
            while end > start and (tag[end - 1] == "POS" or text[end - 1] in {"'s", "’s", "'", "’"}):
                end -= 1
            lone = end - start == 1 and self._lower(end) in {"and", "of"}
            if (titled or start in self.title_ends) and lone:
                continue  # "Ambassador Extraordinary and Plenipotentiary": the rest of a title
            if start == ent.start and end - start == 1:  # spaCy kept only the surname
                while ent.start - start < MAX_TAIL and self._free_before(start):
                    start -= 1  # "Tomasz Wielgosz" before spaCy's "Nowak"
            parts = self._split_at_and(start, end)
            for a, b in parts[:-1]:
                self._add(a, b)
            a, b = parts[-1]
            if b == ent.end and tag[b - 1] == "NNP":
                b = self._run(b, MAX_TAIL) if b < self.n and self._proper(b) else b
            if self._lower(a - 1) == "the" and not by_start.get(a) and self.low[a] not in self.honorific:
                self.taken.update(range(ent.start, ent.end))
                continue  # "the House Majority Caucus": a name after "the" is a body's, not a person's
            self.taken.update(range(ent.start, ent.end))
            self.taken.difference_update(range(a, b))
            self._add(a, b)

    def repeated_surnames(self) -> None:
        """ "Janez Kovac opened the debate. ... Kovac said": a lone proper noun after a full name found above
        that ends in it is the same person (the small model often tags only the first mention). Not when
        another proper noun follows ("Kovac Holdings") or when two people found share the surname."""
        owners: dict[str, set[tuple[str, ...]]] = {}
        first: dict[str, int] = {}
        for a, b in self.spans:
            if b - a >= 2 and self.tag[b - 1] == "NNP":
                owners.setdefault(self.low[b - 1], set()).add(tuple(self.low[a:b]))
                first[self.low[b - 1]] = min(first.get(self.low[b - 1], b), b)
        for i in range(self.n):
            word = self.low[i]
            if (word not in owners or len(owners[word]) != 1 or i < first[word] or not self._proper(i)
                    or i in self.not_name or i in self.place or self._capital(i + 1) or self._capital(i - 1)):
                continue
            self._add(i, i + 1)

    def _capital(self, i: int) -> bool:
        return 0 <= i < self.n and self.tag[i] in ("NNP", "NNPS") and self.text[i][:1].isupper()

    def _free_before(self, start: int) -> bool:
        k = start - 1
        return (
            k >= 0
            and self._proper(k)
            and self.text[k].replace("-", "").isalpha()
            and not self.text[k].isupper()
            and self.low[k] not in self.honorific
            and k not in self.place
            and k not in self.not_name
            and k not in self.person
        )

    def _split_at_and(self, start: int, end: int) -> list[tuple[int, int]]:
        """ "Ngo Xuan Lich and Sergey Shoyu": two names, when proper nouns stand on both sides."""
        for k in range(start + 1, end - 1):
            if self.low[k] == "and" and self.tag[k - 1] == "NNP" and self.tag[k + 1] == "NNP":
                return [(start, k), (k + 1, end)]
        return [(start, end)]

    # ------------------------------------------------------------------ titles, honorifics, person nouns
    def after_titles(self) -> None:
        kb = self.kb
        for i in range(self.n):
            after, least = None, 1
            if self.low[i] in self.honorific and self.text[i][:1].isupper():
                if i and self._lower(i - 1) in self.honorific:
                    continue  # "His Holiness": read from the first honorific
                after = i + 1
                while after < self.n and self._lower(after) in self.honorific:
                    after += 1
            else:
                matches = [m for m in self.by_start.get(i, ()) if any(s.kind == "sector" for s in m.surfaces)]
                if not matches or (i and self.tag[i - 1] == "CD"):  # "at 5 PM Friday" is a time
                    continue
                m = max(matches, key=lambda m: m.end)
                strength = _strength(kb, m)
                if strength == "title":
                    after, least = m.end, 2 if " ".join(self.low[m.start : m.end]) in SHORT_TITLES else 1
                elif self._person_noun(m, strength):
                    after, least = m.end, 2
            if after is None or after in self.taken:
                continue
            end = self._run(after)
            if end - after == 1 and self._lower(end) in {"and", "of"}:
                continue  # "Ambassador Extraordinary and Plenipotentiary": part of a title
            if end - after >= least:
                self._add(after, end)

    def _person_noun(self, m: Match, strength: str) -> bool:
        """A singular noun for a person ("cleric", "sculptor"), not for a body ("party", "church")."""
        sectors = {self.kb.sectors[s.key].sector for s in m.surfaces if s.kind == "sector"}
        return (
            strength in {"head", "noun", "weak"}
            and self.tag[m.end - 1] == "NN"
            and self.low[m.end - 1] not in self.kb.words("org_word")
            and bool(sectors & PERSON_SECTORS)
        )

    # ------------------------------------------------------------------ patterns only a person fits
    def by_pattern(self) -> None:
        i = 0
        while i < self.n:
            if not self._proper(i) or self._proper(i - 1) or i in self.not_name:
                i += 1
                continue
            end = self._run(i, places=True)
            if end - i >= 2 and (self._person_follows(end) or self._listed_with_person(i, end)):
                self._add(i, end)
            i = max(end, i + 1)

    def _person_follows(self, end: int) -> bool:
        """ ", 22;" (an age), ", who", ", the chair of ...", ", a manager from ..." after the name."""
        if end >= self.n or self.text[end] != ",":
            return False
        nxt = end + 1
        if nxt < self.n and self.text[nxt].isdigit() and len(self.text[nxt]) <= 3:
            return nxt + 1 >= self.n or self.text[nxt + 1] in {",", ";", ".", ")"}
        if self._lower(nxt) in {"who", "whose"}:
            return True
        if self._lower(nxt) in {"the", "a", "an"}:
            for k in range(nxt + 1, min(self.n, nxt + 4)):
                for m in self.by_start.get(k, ()):
                    if _strength(self.kb, m) in {"title", "weak", "noun"}:
                        return True
                    if k == nxt + 1 and any(s.kind in {"demonym", "people"} for s in m.surfaces):
                        return True  # ", an American,": a nationality
        return False

    def _listed_with_person(self, i: int, end: int) -> bool:
        """ "Marc David Deen and Seergeoh Villanueva", "Ngo Xuan Lich and Sergey Shoyu": proper nouns listed
        with "and" right after or before a person's name."""
        after = self._lower(i - 1) == "and" and any(a <= i - 2 < b for a, b in self.spans)
        before = self._lower(end) == "and" and any(a == end + 1 for a, _ in self.spans)
        return after or before


def _strength(kb: Knowledge, m: Match) -> str:
    for s in m.surfaces:
        if s.kind == "sector":
            return kb.sectors[s.key].strength
    return ""


def is_title(kb: Knowledge, m: Match, name_end: int) -> bool:
    """Is the match a title in front of a name ending at ``name_end``? A generated agent noun ("noun"
    strength: "Hunter", "Chief Justice") only when two name words follow it."""
    for s in m.surfaces:
        strength = kb.sectors[s.key].strength if s.kind == "sector" else ""
        if strength in {"title", "weak"} or (strength == "noun" and name_end - m.end >= 2):
            return True
    return False


def _title_at(kb: Knowledge, by_start: dict[int, list[Match]], start: int, end: int) -> bool:
    return any(m.end <= end and is_title(kb, m, end) for m in by_start.get(start, ()))


def _names_person(kb: Knowledge, m: Match) -> bool:
    return any(s.kind == "entity" and kb.rows(s.key)[0].kind == "person" for s in m.surfaces)
