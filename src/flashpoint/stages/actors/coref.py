"""Pronouns and collective references inside one article, kept simple and conservative.

* "he"/"she"/"him" -> the most recent person mention in the same or the two previous
  sentences (no gender check: the knowledge base has none);
* "it" opening a reported clause ("Burundi, which has deployed troops to Congo, warned that
  it would not stand by") -> the subject of the speech verb, found by stepping back over any
  relative clause (confidence 0.6);
* "it" (not a dummy "it is unlikely") and "the country" as subject -> the most recent
  country actor that was itself a subject, in the same or previous two sentences
  (confidence 0.5);
* "the two allies", "both countries", ... -> unresolved (country None) with the two most
  recent distinct country actors named in the reason.

Short names ("Aliyev" after "Ilham Aliyev") are resolved while composing
(:mod:`.compose`), because they change how a name is read.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .clauses import speech_verb_before, subject_draft
from .compose import Draft
from .places_rules import is_subject
from .units import Tokens

WINDOW = 2  # sentences back
IGO_REFS = frozenset({"alliance", "bloc", "union", "organisation", "organization", "grouping"})
IGO_KINDS = {"alliance": frozenset({"NATO", "CSTO", "AUKUS"}), "union": frozenset({"EU", "AU", "EAEU"})}


class Resolver:
    def __init__(self, tokens: Tokens, sentence_starts: Sequence[int]) -> None:
        self.t = tokens
        self.starts = list(sentence_starts)

    def sentence_of(self, token: int) -> int:
        return bisect_right(self.starts, self.t.idx[token]) - 1 if token < self.t.n else len(self.starts) - 1

    def run(self, drafts: list[Draft]) -> list[Draft]:
        taken = set()
        for d in drafts:
            taken.update(range(d.start, d.end))
        ordered = sorted(drafts, key=lambda d: d.start)
        added: list[Draft] = []
        firsts = {p.split()[0] for cls in ("group_ref", "country_ref") for p in self.t.kb.words(cls)}
        firsts |= self.t.kb.words("person_pronoun") | {"it", "the"}
        i = 0
        while i < self.t.n:
            if i in taken or self.t.lower(i) not in firsts:
                i += 1
                continue
            made, length = self._reference_at(i, ordered)
            if made is not None and not any(k in taken for k in range(i, i + length)):
                added.append(made)
                ordered.append(made)
                ordered.sort(key=lambda d: d.start)
            i += max(length, 1)
        return drafts + added

    def _reference_at(self, i: int, ordered: list[Draft]) -> tuple[Draft | None, int]:
        t = self.t
        length = t.phrase_at(i, "group_ref")
        if length:
            return self._group(i, length, ordered), length
        length = t.phrase_at(i, "country_ref")
        if length and is_subject(t, i + length) and t.lower(i - 1) not in {"of", "in", "to", "across"}:
            return self._country(i, length, ordered, "'the country' as subject"), length
        word = t.lower(i)
        if word == "the" and t.lower(i + 1) in IGO_REFS and t.tag(i + 2) not in {"NN", "NNS", "NNP"}:
            return self._body(i, ordered), 2
        if t.tag(i) == "PRP" and word in t.kb.words("person_pronoun"):
            return self._person(i, ordered), 1
        if word == "it" and t.tag(i) == "PRP" and is_subject(t, i + 1) and not self._dummy_it(i):
            reported = self._speaker(i, ordered)
            if reported is not None:
                return reported, 1
            return self._country(i, 1, ordered, "'it' as subject"), 1
        return None, 1

    def _recent(self, i: int, ordered: list[Draft]) -> list[Draft]:
        """Mentions before token i within the window, most recent first."""
        first = self.sentence_of(i) - WINDOW
        out = [d for d in ordered if d.end <= i and self.sentence_of(d.start) >= first]
        return list(reversed(out))

    def _person(self, i: int, ordered: list[Draft]) -> Draft | None:
        for d in self._recent(i, ordered):
            if d.kind in {"person", "alias"} or (
                d.kind == "pronoun" and d.entity and d.entity.startswith(("Q", "fp:person"))
            ):
                target = d.antecedent or d
                return self._pointing(i, 1, target, f"pronoun '{self.t.text(i)}' -> last person named", 0.6)
        return None

    def _country(self, i: int, length: int, ordered: list[Draft], why: str) -> Draft | None:
        for d in self._recent(i, ordered):
            if d.kind in {"country", "capital"} and d.subject and d.country:
                return self._pointing(i, length, d, f"{why} -> last country actor as subject", 0.5)
        return None

    def _body(self, i: int, ordered: list[Draft]) -> Draft | None:
        """ "the alliance", "the bloc", "the union": the last international body named (NATO, the EU, ASEAN)."""
        kinds = IGO_KINDS.get(self.t.lower(i + 1))
        for d in self._recent(i, ordered):
            said = self.t.span_text(d.start, d.end).lower()
            if (d.kind in {"igo", "alias"} and d.country == "IGO" and d.igo and (kinds is None or d.igo in kinds)
                    and self.t.kb.capital_country(said) is None):  # "Brussels" stands for the EU, not an alliance
                target = d.antecedent or d
                said = self.t.span_text(i, i + 2)
                return self._pointing(i, 2, target, f"'{said}' -> the last international body named", 0.6)
        return None

    def _speaker(self, i: int, ordered: list[Draft]) -> Draft | None:
        """ "X warned that it ...": "it" is X, the subject of the speech verb (a body, not a person)."""
        verb = speech_verb_before(self.t, i)
        if verb is None:
            return None
        subject = subject_draft(self.t, verb, [d for d in ordered if d.end <= verb])
        target = subject.antecedent or subject if subject is not None else None
        if target is None or target.country is None or target.kind in {"person", "alias"}:
            return None
        said = self.t.text(verb)
        why = f"'it' in the clause reported by '{said}' -> its subject '{self.t.span_text(subject.start, subject.end)}'"
        return self._pointing(i, 1, target, why, 0.6)

    def _group(self, i: int, length: int, ordered: list[Draft]) -> Draft:
        seen: list[str] = []
        for d in self._recent(i, ordered):
            if d.kind in {"country", "capital"} and d.country and d.country not in seen:
                seen.append(d.country)
            if len(seen) == 2:
                break
        text = self.t.span_text(i, i + length)
        named = " and ".join(reversed(seen)) if len(seen) == 2 else "unknown"
        return Draft(
            i,
            i + length,
            text,
            None,
            None,
            None,
            "pronoun",
            confidence=0.3,
            reason=f"'{text}': two countries, left unresolved (last two named: {named})",
            subject=is_subject(self.t, i + length),
        )

    def _pointing(self, i: int, length: int, target: Draft, reason: str, confidence: float) -> Draft:
        return Draft(
            i,
            i + length,
            target.name,
            target.country,
            target.sector,
            target.entity,
            "pronoun",
            target.role,
            target.igo,
            confidence,
            reason,
            subject=is_subject(self.t, i + length),
            antecedent=target,
        )

    def _dummy_it(self, i: int) -> bool:
        """ "it is unlikely", "it seems", "it was reported": an expletive subject."""
        t = self.t
        j = i + 1
        while t.tag(j) in {"MD", "RB"} or t.lower(j) in {"has", "have", "had", "will", "would"}:
            j += 1
        return t.lemma(j) in t.kb.words("expletive")
